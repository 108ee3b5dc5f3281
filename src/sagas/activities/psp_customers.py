"""The customer's PSP customer, for any activity that creates a PSP object for them.

Looked up in our ``customers`` table; made at the PSP once (through its
:class:`~sagas.gateways.protocols.customers.CustomerGateway`, under the key
``customer-<customer id>``: Stripe's idempotency key, Razorpay's email-and-contact guard)
and kept there, the first stored winning a race. A create whose answer was lost is retried
with the same key and answers the customer it made. Checkouts and subscriptions of one
customer so share one PSP customer and the card saved on it.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.engine import unit_of_work
from sagas.gateways.protocols.gateway import PaymentGateway
from sagas.services import customers


async def psp_customer(
    sessions: async_sessionmaker[AsyncSession], psp: PaymentGateway, *, customer_id: str
) -> str:
    """The PSP customer id of ``customer_id`` at ``psp`` (made once if missing)."""
    async with unit_of_work(sessions) as session:
        known = await customers.find(session, customer_id, psp.name)
    if known is not None:
        return known
    made = await psp.customers.ensure_customer(
        customer_id, key=customers.idempotency_key(customer_id)
    )
    async with unit_of_work(sessions) as session:
        return await customers.remember(session, customer_id, psp.name, made)
