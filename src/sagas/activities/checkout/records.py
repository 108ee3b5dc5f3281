"""Checkout activities that write our own records: stage changes, the settlement,
closing (expired / cancelled / failed, with the discount given back) and fulfilment.

Each is idempotent: a retried activity finds the row already in the target state and does
nothing more (unique payment id, unique ledger reference, redemption flipped once). Rows
are locked where two steps could race on them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.bookings import capture_entry, payment_row
from sagas.activities.checkout.models import (
    CheckoutRef,
    CloseInput,
    CloseResult,
    NextActionInput,
    SettleInput,
    StageInput,
)
from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.models.checkouts import Checkout
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, Payment
from sagas.events import emitters
from sagas.services import discounts

OPEN = {"created", "awaiting_payment", "processing"}
NEXT_ACTION = "next_action"  # in payer_details while the payer must act at the PSP
PAID = {"paid", "fulfilled"}


async def _rows(session: AsyncSession, checkout_id: str) -> tuple[Checkout, Order]:
    co = await session.get(Checkout, checkout_id, with_for_update=True)
    if co is None:
        raise ApplicationError(f"no checkout {checkout_id}", type="NotFound")
    order = await session.get(Order, co.order_id, with_for_update=True)
    assert order is not None
    return co, order


def _without_next_action(details: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (details or {}).items() if k != NEXT_ACTION}


class CheckoutRecordActivities:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn(name="checkout.set_stage")
    async def set_stage(self, req: StageInput) -> None:
        """An open checkout's stage (awaiting_payment / processing) and the last reason."""
        async with unit_of_work(self._sessions) as session:
            co, _ = await _rows(session, req.checkout_id)
            if co.status in OPEN:
                if req.status is not None:
                    co.status = req.status
                if req.reason is not None:
                    co.status_reason = req.reason[:500]

    @activity.defn(name="checkout.require_action")
    async def require_action(self, req: NextActionInput) -> None:
        """The payer must act at the PSP (3-D Secure): ``gateway.next_action`` shows where.
        The ``checkout.requires_action`` event belongs in this same transaction."""
        async with unit_of_work(self._sessions) as session:
            co, _ = await _rows(session, req.checkout_id)
            if co.status not in OPEN:
                return
            action = {"type": "redirect_to_url", "url": req.url}
            if (co.payer_details or {}).get(NEXT_ACTION) == action:
                return
            co.payer_details = {**(co.payer_details or {}), NEXT_ACTION: action}
            await emitters.checkout_requires_action(session, co)

    @activity.defn(name="checkout.settle")
    async def settle(self, req: SettleInput) -> str:
        """The gate accepted ``req.payment``: payment row, ledger, order and checkout paid."""
        snap = req.payment
        async with unit_of_work(self._sessions) as session:
            co, order = await _rows(session, req.checkout_id)
            if order.status in PAID:
                return order.status
            if co.status not in OPEN or order.status != "pending":
                raise ApplicationError(
                    f"checkout {co.id} is {co.status}, order {order.status}; cannot settle",
                    type="Conflict",
                )
            existing = await session.scalar(
                select(Payment).where(
                    Payment.gateway == snap.gateway, Payment.gateway_payment_id == snap.payment_id
                )
            )
            if existing is None:
                session.add(
                    payment_row(snap, order_id=order.id, checkout_id=co.id, status="captured")
                )
            ledger = await session.scalar(
                select(LedgerEntry).where(
                    LedgerEntry.kind == "capture", LedgerEntry.reference == snap.payment_id
                )
            )
            if ledger is None:
                session.add(capture_entry(snap, order_id=order.id))
            now = utcnow()
            order.status, order.paid_at = "paid", now
            order.captured_minor = snap.amount_minor
            order.status_reason = None
            co.status, co.status_reason = "paid", None
            co.payer_details = _without_next_action(co.payer_details)
            await discounts.consume_use(session, checkout_id=co.id)
            await emitters.checkout_paid(session, co, order)
            return order.status

    @activity.defn(name="checkout.settle_free")
    async def settle_free(self, ref: CheckoutRef) -> str:
        """A 0 total (a free product, a 100 % discount): paid with nothing captured and no
        PSP object. The ``order.paid`` event belongs in this same transaction."""
        async with unit_of_work(self._sessions) as session:
            co, order = await _rows(session, ref.checkout_id)
            if order.status in PAID:
                return order.status
            if co.total_minor != 0 or co.status not in OPEN or order.status != "pending":
                raise ApplicationError(
                    f"checkout {co.id} is not a free open checkout",
                    type="Conflict",
                    non_retryable=True,
                )
            order.status, order.paid_at, order.captured_minor = "paid", utcnow(), 0
            co.status, co.status_reason = "paid", None
            await discounts.consume_use(session, checkout_id=co.id)
            await emitters.checkout_paid(session, co, order)
            return order.status

    @activity.defn(name="checkout.close")
    async def close(self, req: CloseInput) -> CloseResult:
        """End an unpaid checkout (expired / cancelled / failed) and give its discount back."""
        async with unit_of_work(self._sessions) as session:
            co, order = await _rows(session, req.checkout_id)
            if order.status in PAID:
                raise ApplicationError(f"order {order.id} is paid", type="Conflict")
            closing = co.status in OPEN
            if closing:
                co.status, co.status_reason = req.status, req.reason[:500]
            if order.status == "pending":
                order.status, order.status_reason = req.status, req.reason[:500]
            released = await discounts.release_use(session, checkout_id=co.id)
            if closing:
                await emitters.checkout_closed(session, co)
        return CloseResult(discount_released=released)

    @activity.defn(name="checkout.fulfil")
    async def fulfil(self, ref: CheckoutRef) -> str:
        """Mark the paid order fulfilled (idempotent). A non-paid order is an operator case."""
        async with unit_of_work(self._sessions) as session:
            co, order = await _rows(session, ref.checkout_id)
            if order.status == "fulfilled":
                return order.status
            if order.status != "paid":
                raise ApplicationError(
                    f"order {order.id} is {order.status}, not paid",
                    type="Conflict",
                    non_retryable=True,
                )
            order.status, order.fulfilled_at = "fulfilled", utcnow()
            co.status = "fulfilled"
            await emitters.order_fulfilled(session, order)
            return order.status
