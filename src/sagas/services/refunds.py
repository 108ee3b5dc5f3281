"""Opening a refund: one short transaction in the caller's session, before its saga starts.

:func:`open_refund` takes the order's write lock first, then checks every guard against
what is committed *now*, so two concurrent requests for the same order are serialised:
the second one sees the first one's pending refund and counts it as in flight. The lock
is a no-op ``UPDATE`` of the order row, because ``SELECT … FOR UPDATE`` does nothing on
SQLite, whereas any ``UPDATE`` takes SQLite's single write lock (and a row lock on
PostgreSQL) before anything is read.

Nothing here talks to a PSP or to Temporal: the caller commits, then starts
``RefundWorkflow`` under ``refund.workflow_id``. Failures are typed :class:`RefundError`
subclasses (``status`` is the HTTP answer, :mod:`.refund_errors`); the caller rolls back
and nothing is written. What is still refundable is :mod:`.refundable`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.orders import Order
from sagas.db.models.refunds import Refund
from sagas.services import idempotency
from sagas.services.refund_errors import (
    AmountNotRefundable,
    IdempotencyConflict,
    OrderNotFound,
    OrderNotRefundable,
    PaymentDisputed,
    RefundError,
    RefundWindowClosed,
)
from sagas.services.refundable import (
    IN_FLIGHT,
    Origin,
    candidate_payments,
    choose,
    disputed_by_payment,
    in_flight_by_payment,
)
from sagas.settings import get_settings

__all__ = [  # the errors are answered here too: callers import them with open_refund
    "AmountNotRefundable",
    "IdempotencyConflict",
    "OpenedRefund",
    "OrderNotFound",
    "OrderNotRefundable",
    "PaymentDisputed",
    "RefundError",
    "RefundWindowClosed",
    "by_idempotency_key",
    "fingerprint",
    "open_refund",
    "refunds_for_order",
]

REFUNDABLE_ORDER_STATUSES = frozenset({"paid", "fulfilled", "partially_refunded"})


@dataclass(frozen=True)
class OpenedRefund:
    """The refund row; ``created`` is False when the idempotency key named an existing one."""

    refund: Refund
    created: bool


def fingerprint(
    *,
    order_id: str,
    amount_minor: int | None,
    reason: str | None,
    origin: str,
    payment_id: str | None,
) -> str:
    """sha256 of what the caller asked for: the same request with the same key is a replay.

    A late-payment refund's key is derived from the payment itself, so its free-text
    reason is left out: a retried review may word it differently.
    """
    body = {
        "order_id": order_id,
        "amount_minor": amount_minor,
        "reason": reason if origin == "api" else None,
        "origin": origin,
        "payment_id": payment_id,
    }
    return idempotency.fingerprint(body)


async def open_refund(
    session: AsyncSession,
    *,
    order_id: str,
    idempotency_key: str,
    amount_minor: int | None,
    reason: str | None,
    origin: Origin,
    payment_id: str | None = None,
    refund_window_days: int | None = None,
    now: datetime | None = None,
) -> OpenedRefund:
    """Open a pending refund of ``order_id`` (or answer the one this key opened).

    ``amount_minor`` None means all that is still refundable. ``payment_id`` is our
    ``payments.id``; required for ``late_payment`` (the late payment being returned),
    optional for ``api`` (default: the order's captured payment with money left).
    ``refund_window_days`` None reads the setting; the window applies to ``api`` only,
    since a late payment must be returned whenever it arrives.
    """
    now = now or utcnow()
    fp = fingerprint(
        order_id=order_id,
        amount_minor=amount_minor,
        reason=reason,
        origin=origin,
        payment_id=payment_id,
    )
    await _lock_order(session, order_id)
    existing = await by_idempotency_key(session, idempotency_key)
    if existing is not None:
        if existing.request_fingerprint != fp:
            raise IdempotencyConflict(
                "this Idempotency-Key was used with another refund request",
                {"refund_id": existing.id},
            )
        return OpenedRefund(existing, created=False)
    order = await session.scalar(
        select(Order)
        .where(Order.id == order_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if order is None:
        raise OrderNotFound(f"order {order_id} does not exist")
    open_disputes, lost = await disputed_by_payment(session, order.id)
    if open_disputes and (payment_id is None or payment_id in open_disputes):
        raise PaymentDisputed(
            f"a dispute is open on order {order.id}'s payment; it cannot be refunded "
            "until the dispute is closed",
            {"disputed": sum(open_disputes.values())},
        )
    if origin == "api":
        _check_api_guards(order, now, _window_days(refund_window_days))
    payments = await candidate_payments(session, order, origin, payment_id)
    in_flight = await in_flight_by_payment(session, [p.id for p in payments])
    for pid, held in lost.items():  # charged back: that money is gone already
        in_flight[pid] = in_flight.get(pid, 0) + held
    payment, amount = choose(payments, in_flight, amount_minor)
    refund_id = new_id("rf")
    refund = Refund(
        id=refund_id,
        order_id=order.id,
        payment_id=payment.id,
        idempotency_key=idempotency_key,
        request_fingerprint=fp,
        origin=origin,
        gateway=payment.gateway,
        amount_minor=amount,
        currency=payment.currency,
        reason=reason,
        status=IN_FLIGHT,
        order_status_before=order.status,
        workflow_id=f"refund-{refund_id}",
        created_at=now,
        updated_at=now,
    )
    session.add(refund)
    await session.flush()
    return OpenedRefund(refund, created=True)


async def by_idempotency_key(session: AsyncSession, key: str) -> Refund | None:
    refund: Refund | None = await session.scalar(
        select(Refund)
        .where(Refund.idempotency_key == key)
        .execution_options(populate_existing=True)
    )
    return refund


async def refunds_for_order(session: AsyncSession, order_id: str) -> list[Refund]:
    """Every refund of an order, oldest first (for the order view)."""
    rows = await session.scalars(
        select(Refund).where(Refund.order_id == order_id).order_by(Refund.created_at, Refund.id)
    )
    return list(rows)


async def _lock_order(session: AsyncSession, order_id: str) -> None:
    """Take the order's write lock before reading anything (see the module docstring)."""
    await session.execute(
        update(Order)
        .where(Order.id == order_id)
        .values(refunded_minor=Order.refunded_minor)
        .execution_options(synchronize_session=False)
    )


def _window_days(given: int | None) -> int:
    if given is not None:
        return given
    return get_settings().refund_window_days


def _check_api_guards(order: Order, now: datetime, window_days: int) -> None:
    if order.status not in REFUNDABLE_ORDER_STATUSES:
        raise OrderNotRefundable(
            f"order {order.id} is {order.status}; only paid orders can be refunded",
            {"order_status": order.status},
        )
    if order.paid_at is None:
        raise OrderNotRefundable(
            f"order {order.id} has no payment date", {"order_status": order.status}
        )
    closes = order.paid_at + timedelta(days=window_days)
    if now >= closes:
        raise RefundWindowClosed(
            f"the refund window of order {order.id} closed at {closes.isoformat()}",
            {"window_days": window_days, "closed_at": closes.isoformat()},
        )
