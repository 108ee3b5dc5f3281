"""What the API checks before it asks a checkout saga to capture or void a manual-capture
authorization (CONTRACT 11.2); the saga itself moves the money.

A capture's ``Idempotency-Key`` is stored (:class:`CaptureKey`) with the fingerprint of
what it asked for once the saga accepted it: the same key and body replay the same 202,
also after the order is ``paid``; the same key with another body is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.models.captures import CaptureKey
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order, Payment
from sagas.services import idempotency
from sagas.services.errors import ServiceError


class HoldError(ServiceError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, None, status=status, code=code)


@dataclass(frozen=True)
class Held:
    order_id: str
    workflow_id: str
    authorized_minor: int


async def held_authorization(session: AsyncSession, order_id: str) -> Held:
    """The order's held authorization: 404 without the order, 409 unless ``authorized``."""
    order = await session.get(Order, order_id)
    if order is None:
        raise HoldError(404, "not_found", f"no order {order_id!r}")
    if order.status != "authorized":
        raise HoldError(409, "not_authorized", f"order is {order.status}, not authorized")
    co = await session.get(Checkout, order.checkout_id)
    payment = await session.scalar(
        select(Payment).where(Payment.order_id == order.id, Payment.status == "authorized")
    )
    if co is None or payment is None:
        raise HoldError(409, "not_authorized", "order holds no authorization")
    return Held(order.id, co.workflow_id, payment.amount_minor)


def check_amount(held: Held, amount: int | None) -> None:
    if amount is not None and amount > held.authorized_minor:
        raise HoldError(
            422,
            "amount_exceeds_authorized",
            f"amount {amount} is more than the {held.authorized_minor} authorized",
        )


def fingerprint(*, order_id: str, amount_minor: int | None) -> str:
    """sha256 of what a capture request asked for: the same request with its key is a replay."""
    return idempotency.fingerprint({"order_id": order_id, "amount_minor": amount_minor})


async def replayed(session: AsyncSession, key: str, fp: str) -> CaptureKey | None:
    """The capture this key was accepted for, or None for a new key; 409 when the key was
    used with another request."""
    row: CaptureKey | None = await session.get(CaptureKey, key, populate_existing=True)
    if row is not None and row.request_fingerprint != fp:
        raise HoldError(
            409, "idempotency_conflict", "this Idempotency-Key was used with another capture"
        )
    return row


def remember(session: AsyncSession, key: str, fp: str, order_id: str, amount: int) -> None:
    """Keep an accepted capture's key and answer (the caller commits)."""
    session.add(
        CaptureKey(
            idempotency_key=key,
            order_id=order_id,
            request_fingerprint=fp,
            amount_minor=amount,
            created_at=utcnow(),
        )
    )
