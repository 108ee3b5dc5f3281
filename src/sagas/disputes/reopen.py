"""A refund the PSP failed after reporting it ``succeeded``: the money is back with us.

:func:`reopen_failed_refund` undoes in one transaction (the order's lock held) what the
refund's success wrote: the refund is ``failed`` with the PSP's reason, the payment's and
the order's refunded amounts go back down, the order's status with them (a fully refunded
order is ``partially_refunded`` again, or gets back the status it had before its first
refund), a reversing ledger entry (``refund_reversal``, +, unique on the refund id) is
written and ``refund.failed`` emitted. Idempotent: a refund that is not ``succeeded`` is
left alone. The fulfilment the refund revoked stays revoked: an operator decides.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.disputes.locks import lock_order
from sagas.disputes.notify import emit_merchant_event
from sagas.events.views import refund_view

REFUND_STATUSES = frozenset({"refunded", "partially_refunded"})


class Reopened(BaseModel):
    refund_id: str
    order_id: str
    reopened: bool  # False: the refund was not succeeded (already reopened, or never)
    order_status: str
    order_refunded_minor: int
    amount_minor: int
    currency: str


async def reopen_failed_refund(session: AsyncSession, refund_id: str, reason: str) -> Reopened:
    order_id = await session.scalar(select(Refund.order_id).where(Refund.id == refund_id))
    if order_id is None:
        raise LookupError(f"refund {refund_id} does not exist")
    await lock_order(session, order_id)
    refund = await session.get(Refund, refund_id, populate_existing=True)
    order = await session.get(Order, order_id, populate_existing=True)
    assert refund is not None and order is not None
    reopened = refund.status == "succeeded"
    if reopened:
        payment = await session.get(Payment, refund.payment_id, populate_existing=True)
        now = utcnow()
        refund.status, refund.failure_reason = "failed", reason[:500]
        refund.updated_at = refund.settled_at = now
        if payment is not None:
            payment.refunded_minor = max(0, payment.refunded_minor - refund.amount_minor)
        order.refunded_minor = max(0, order.refunded_minor - refund.amount_minor)
        if order.status in REFUND_STATUSES:
            order.status = (
                "partially_refunded"
                if order.refunded_minor > 0
                else await _status_before_refunds(session, order, refund)
            )
        session.add(
            LedgerEntry(
                id=new_id("led"),
                order_id=order.id,
                kind="refund_reversal",
                reference=refund.id,
                amount_minor=refund.amount_minor,
                currency=refund.currency,
                gateway=refund.gateway,
            )
        )
        await session.flush()
        await emit_merchant_event(
            session, type="refund.failed", object_id=refund.id, data_object=refund_view(refund)
        )
    return Reopened(
        refund_id=refund.id,
        order_id=order.id,
        reopened=reopened,
        order_status=order.status,
        order_refunded_minor=order.refunded_minor,
        amount_minor=refund.amount_minor,
        currency=refund.currency,
    )


async def _status_before_refunds(session: AsyncSession, order: Order, refund: Refund) -> str:
    """What the order was before its first refund (the earliest refund remembers it)."""
    first = await session.scalar(
        select(Refund.order_status_before)
        .where(Refund.order_id == order.id)
        .order_by(Refund.created_at, Refund.id)
        .limit(1)
    )
    if first is not None and first not in REFUND_STATUSES:
        return str(first)
    return (
        refund.order_status_before
        if refund.order_status_before not in REFUND_STATUSES
        else ("fulfilled" if order.fulfilled_at else "paid")
    )
