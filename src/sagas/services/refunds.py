"""Opening a refund: one short transaction in the caller's session, before its saga starts.

:func:`open_refund` takes the order's write lock first, then checks every guard against
what is committed *now*, so two concurrent requests for the same order are serialised:
the second one sees the first one's pending refund and counts it as in flight. The lock
is a no-op ``UPDATE`` of the order row, because ``SELECT … FOR UPDATE`` does nothing on
SQLite, whereas any ``UPDATE`` takes SQLite's single write lock (and a row lock on
PostgreSQL) before anything is read.

Nothing here talks to a PSP or to Temporal: the caller commits, then starts
``RefundWorkflow`` under ``refund.workflow_id``. Failures are typed :class:`RefundError`
subclasses (``status`` is the HTTP answer); the caller rolls back and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund

Origin = Literal["api", "late_payment"]
REFUNDABLE_ORDER_STATUSES = frozenset({"paid", "fulfilled", "partially_refunded"})
IN_FLIGHT = "pending"


class RefundError(Exception):
    """A refund that may not be opened; ``status``/``code`` are the API's answer."""

    status = 409
    code = "conflict"

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message, self.details = message, details


class OrderNotFound(RefundError):
    status, code = 404, "not_found"


class OrderNotRefundable(RefundError):
    status, code = 409, "order_not_refundable"


class RefundWindowClosed(RefundError):
    status, code = 409, "refund_window_closed"


class AmountNotRefundable(RefundError):
    status, code = 422, "amount_not_refundable"


class IdempotencyConflict(RefundError):
    status, code = 409, "idempotency_conflict"


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
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


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
    if origin == "api":
        _check_api_guards(order, now, _window_days(refund_window_days))
    payments = await _candidate_payments(session, order, origin, payment_id)
    in_flight = await _in_flight_by_payment(session, [p.id for p in payments])
    payment, amount = _choose(payments, in_flight, amount_minor)
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
    from sagas.settings import get_settings

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


async def _candidate_payments(
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


async def _in_flight_by_payment(
    session: AsyncSession, payment_ids: Sequence[str]
) -> dict[str, int]:
    rows = await session.execute(
        select(Refund.payment_id, func.coalesce(func.sum(Refund.amount_minor), 0))
        .where(Refund.payment_id.in_(payment_ids), Refund.status == IN_FLIGHT)
        .group_by(Refund.payment_id)
    )
    return {pid: int(total) for pid, total in rows.all()}


def _choose(
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
