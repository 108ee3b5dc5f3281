"""The PSP customer of each (customer, gateway): looked up, or remembered once made.

A customer is made at the PSP at most once per gateway: the create carries the key
``customer-<customer id>`` (Stripe's idempotency key; on Razorpay the email its
``fail_existing: "0"`` matches), and the first row stored wins (a concurrent
creator reads the winner's id back), so every checkout and subscription of one customer
finds the same PSP customer, and the card they saved on it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.customers import PspCustomer


def idempotency_key(customer_id: str) -> str:
    return f"customer-{customer_id}"


async def find(session: AsyncSession, customer_id: str, gateway: str) -> str | None:
    found = await session.execute(
        select(PspCustomer.gateway_customer_id).where(
            PspCustomer.customer_id == customer_id, PspCustomer.gateway == gateway
        )
    )
    return found.scalar_one_or_none()


async def remember(
    session: AsyncSession, customer_id: str, gateway: str, gateway_customer_id: str
) -> str:
    """Store the PSP customer; if another request stored one first, answer that one."""
    try:
        async with session.begin_nested():
            session.add(
                PspCustomer(
                    customer_id=customer_id,
                    gateway=gateway,
                    gateway_customer_id=gateway_customer_id,
                )
            )
    except IntegrityError:
        existing = await find(session, customer_id, gateway)
        assert existing is not None
        return existing
    return gateway_customer_id
