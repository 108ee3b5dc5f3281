"""What a refund of an order may still take, payment by payment: captured, less what is
refunded, less refunds still in flight (a pending refund holds its money until it fails),
less what a dispute holds (open) or took (lost: charged back).

Read under the order's write lock (:func:`sagas.services.refunds.open_refund`), so two
concurrent refunds of one order see each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.disputes import Dispute
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.domain.disputes import HOLDING, DisputeStatus
from sagas.services.refund_errors import AmountNotRefundable, OrderNotRefundable

Origin = Literal["api", "late_payment"]
IN_FLIGHT = "pending"


async def candidate_payments(
    session: AsyncSession, order: Order, origin: Origin, payment_id: str | None
) -> list[Payment]:
    query = select(Payment).where(Payment.order_id == order.id)
    if payment_id is not None:
        query = query.where(Payment.id == payment_id)
    elif origin == "late_payment":
        raise OrderNotRefundable("a late-payment refund names the late payment it returns")
    wanted = "late" if origin == "late_payment" else "captured"
    query = query.where(Payment.status == wanted).order_by(Payment.created_at, Payment.id)
    payments = list(await session.scalars(query.execution_options(populate_existing=True)))
    if not payments:
        what = f"payment {payment_id}" if payment_id else "captured payment"
        raise OrderNotRefundable(f"order {order.id} has no {what} to refund ({origin})")
    return payments


async def disputed_by_payment(
    session: AsyncSession, order_id: str
) -> tuple[dict[str, int], dict[str, int]]:
    """Disputed amounts by payment: (still open, lost). Both leave refunds' reach."""
    rows = await session.execute(
        select(Dispute.payment_id, Dispute.status, Dispute.amount_minor).where(
            Dispute.order_id == order_id, Dispute.payment_id.is_not(None)
        )
    )
    open_: dict[str, int] = {}
    lost: dict[str, int] = {}
    for pid, status, amount in rows.all():
        if pid is None:
            continue
        if status in HOLDING:
            open_[pid] = open_.get(pid, 0) + int(amount)
        elif status == DisputeStatus.LOST:
            lost[pid] = lost.get(pid, 0) + int(amount)
    return open_, lost


async def in_flight_by_payment(session: AsyncSession, payment_ids: Sequence[str]) -> dict[str, int]:
    rows = await session.execute(
        select(Refund.payment_id, func.coalesce(func.sum(Refund.amount_minor), 0))
        .where(Refund.payment_id.in_(payment_ids), Refund.status == IN_FLIGHT)
        .group_by(Refund.payment_id)
    )
    return {pid: int(total) for pid, total in rows.all()}


def choose(
    payments: list[Payment], in_flight: dict[str, int], amount: int | None
) -> tuple[Payment, int]:
    """The first payment whose remaining money covers ``amount`` (all of it when None).

    Remaining = captured - refunded - refunds still in flight, so a pending refund holds
    its money until it fails.
    """
    remaining = {p.id: p.amount_minor - p.refunded_minor - in_flight.get(p.id, 0) for p in payments}
    if amount is not None and amount <= 0:
        raise AmountNotRefundable(
            "the refund amount must be a positive integer", {"amount": amount}
        )
    for p in payments:
        left = remaining[p.id]
        if left > 0 and (amount is None or amount <= left):
            return p, left if amount is None else amount
    total_left = sum(max(v, 0) for v in remaining.values())
    raise AmountNotRefundable(
        "the amount exceeds what is still refundable (refunds in flight count)"
        if total_left
        else "nothing is left to refund on this order",
        {"requested": amount, "refundable": total_left},
    )
