"""Manual capture's own records (CONTRACT 11.2): the gate accepted an authorization
(order ``authorized``), the merchant captured it (order ``paid``, ``captured`` = the
amount kept) or it was voided (order ``voided``, discount use given back).

Each is one transaction and idempotent (a retried activity finds the target state), and
emits its merchant event in that transaction, as its last write (``order.authorized``;
``checkout.paid`` + ``order.paid``, the fulfilment hand-off; ``order.voided``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.bookings import payment_row
from sagas.activities.checkout.models import (
    CloseResult,
    RecordCaptureInput,
    RecordVoidInput,
    SettleInput,
)
from sagas.activities.checkout.records import OPEN, _rows, _without_next_action
from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.ids import new_id
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, Payment
from sagas.events import emitters
from sagas.services import discounts

PAID = {"paid", "fulfilled", "partially_refunded", "refunded"}


async def _payment(session: AsyncSession, order: Order) -> Payment | None:
    found: Payment | None = await session.scalar(
        select(Payment)
        .where(Payment.order_id == order.id, Payment.status.in_(("authorized", "captured")))
        .with_for_update()
    )
    return found


async def _ledger(
    session: AsyncSession, order: Order, *, kind: str, reference: str, amount: int, gateway: str
) -> None:
    exists = await session.scalar(
        select(LedgerEntry.id).where(LedgerEntry.kind == kind, LedgerEntry.reference == reference)
    )
    if exists is None:
        session.add(
            LedgerEntry(
                id=new_id("led"),
                order_id=order.id,
                kind=kind,
                reference=reference,
                amount_minor=amount,
                currency=order.currency,
                gateway=gateway,
            )
        )


class CheckoutAuthorizationActivities:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn(name="checkout.authorize")
    async def authorize(self, req: SettleInput) -> str:
        """The gate accepted an authorization: payment row ``authorized``, checkout and
        order ``authorized`` (no money moved yet, so no ledger entry)."""
        snap = req.payment
        async with unit_of_work(self._sessions) as session:
            co, order = await _rows(session, req.checkout_id)
            if order.status == "authorized" or order.status in PAID:
                return order.status
            if co.status not in OPEN or order.status != "pending":
                raise ApplicationError(
                    f"checkout {co.id} is {co.status}, order {order.status}; cannot authorize",
                    type="Conflict",
                )
            if await _payment(session, order) is None:
                session.add(
                    payment_row(snap, order_id=order.id, checkout_id=co.id, status="authorized")
                )
            order.status, order.status_reason = "authorized", None
            co.status, co.status_reason = "authorized", None
            co.payer_details = _without_next_action(co.payer_details)
            await emitters.order_held(session, order)
            return order.status

    @activity.defn(name="checkout.record_capture")
    async def record_capture(self, req: RecordCaptureInput) -> str:
        """The PSP captured: order ``paid`` with ``captured`` = what the merchant keeps.
        The ledger says what happened at the PSP: the capture, and (Razorpay's partial
        capture) the refund that released the rest."""
        out = req.outcome
        async with unit_of_work(self._sessions) as session:
            co, order = await _rows(session, req.checkout_id)
            if order.status in PAID:
                return order.status
            payment = await _payment(session, order)
            if order.status != "authorized" or payment is None:
                raise ApplicationError(
                    f"order {order.id} is {order.status}; cannot record a capture",
                    type="Conflict",
                    non_retryable=True,
                )
            gateway = payment.gateway
            await _ledger(
                session,
                order,
                kind="capture",
                reference=payment.gateway_payment_id,
                amount=out.captured_at_psp,
                gateway=gateway,
            )
            if out.release_refund_id is not None and out.released_minor > 0:
                await _ledger(
                    session,
                    order,
                    kind="release",
                    reference=out.release_refund_id,
                    amount=out.released_minor,
                    gateway=gateway,
                )
            payment.status, payment.amount_minor = "captured", out.captured_minor
            payment.psp_snapshot = out.payment.model_dump(mode="json")
            order.status, order.paid_at = "paid", utcnow()
            order.captured_minor, order.status_reason = out.captured_minor, None
            co.status = "paid"
            await discounts.consume_use(session, checkout_id=co.id)
            await emitters.checkout_paid(session, co, order)
            return order.status

    @activity.defn(name="checkout.record_void")
    async def record_void(self, req: RecordVoidInput) -> CloseResult:
        """The authorization is released: order and checkout ``voided``, discount back."""
        async with unit_of_work(self._sessions) as session:
            co, order = await _rows(session, req.checkout_id)
            if order.status in PAID:
                raise ApplicationError(
                    f"order {order.id} is {order.status}", type="Conflict", non_retryable=True
                )
            payment = await _payment(session, order)
            if payment is not None:
                payment.status = "voided"
            voiding = order.status != "voided"
            if voiding:
                order.status, order.status_reason = "voided", req.reason[:500]
                co.status, co.status_reason = "voided", req.reason[:500]
            released = await discounts.release_use(session, checkout_id=co.id)
            if voiding:
                await emitters.order_held(session, order)
        return CloseResult(discount_released=released)
