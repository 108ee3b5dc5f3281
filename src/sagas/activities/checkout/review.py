"""Payment review: a payment that reached the PSP for a closed or unknown checkout.

``inspect`` re-reads the payment and our records; a settled payment of one of our
checkouts that no paid order holds is *late*: ``record_late_payment`` books it on the
order (a ``late`` payment and its capture in the ledger) and opens its refund through the
refund saga's ``open_refund(origin="late_payment")`` in the same transaction (key
``late-<payment id>``, so a retry or a second review answers the same refund); the
workflow then runs ``RefundWorkflow`` for it. A payment without our checkout id is not
ours to touch.
"""

from __future__ import annotations

from sqlalchemy import select
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.adapters import WithAdapters
from sagas.activities.checkout.bookings import capture_entry, payment_row
from sagas.activities.checkout.review_models import LatePayment, LateRefund, ReviewFinding
from sagas.db.engine import unit_of_work
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order, Payment
from sagas.domain.psp_events import PspEvent
from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.errors import psp_call
from sagas.services.refunds import RefundError, open_refund


class PaymentReviewActivities(WithAdapters):
    async def _read(self, gateway: str, payment_id: str) -> PaymentSnapshot:
        return await self._gw.get(gateway).payments.read_payment(payment_id)

    @activity.defn(name="payment_review.inspect")
    async def inspect(self, event: PspEvent) -> ReviewFinding:
        payment_id = event.payment_id or event.object_id
        snap = await psp_call(lambda: self._read(event.gateway.value, payment_id))
        found = ReviewFinding(
            verdict="unknown",
            snapshot=snap,
            poll_interval_s=self._settings.psp_poll_interval_s,
            refund_deadline_s=self._settings.refund_deadline_s,
        )
        async with self._sessions() as session:
            co = await session.get(Checkout, snap.checkout_id) if snap.checkout_id else None
            if co is None and snap.gateway_object_id:
                co = await session.scalar(
                    select(Checkout).where(
                        Checkout.gateway == snap.gateway,
                        Checkout.gateway_object_id == snap.gateway_object_id,
                    )
                )
            if co is None:
                return found
            found.checkout_id, found.order_id = co.id, co.order_id
            held = await session.scalar(
                select(Payment).where(
                    Payment.gateway == snap.gateway, Payment.gateway_payment_id == snap.payment_id
                )
            )
        if held is not None and held.status == "authorized":
            found.verdict = "open"  # manual capture: its saga captures or voids it
        elif held is not None and (held.status != "voided" or snap.status is PaymentStatus.SETTLED):
            found.verdict = "held" if held.status == "captured" else "late"
        elif snap.status is not PaymentStatus.SETTLED:
            found.verdict = "not_settled"
        elif co.status in ("created", "awaiting_payment", "processing"):
            found.verdict = "open"  # its own saga is still deciding
        else:
            found.verdict = "late"
        return found

    @activity.defn(name="payment_review.record_late_payment")
    async def record_late_payment(self, req: LatePayment) -> LateRefund:
        """Book the late payment and its pending refund (idempotent on the payment id)."""
        snap = req.snapshot
        async with unit_of_work(self._sessions) as session:
            co = await session.get(Checkout, req.checkout_id)
            assert co is not None
            order = await session.get(Order, co.order_id, with_for_update=True)
            assert order is not None
            payment = await session.scalar(
                select(Payment).where(
                    Payment.gateway == snap.gateway, Payment.gateway_payment_id == snap.payment_id
                )
            )
            if payment is None:
                payment = payment_row(snap, order_id=order.id, checkout_id=co.id, status="late")
                session.add(payment)
                order.captured_minor += snap.amount_minor
                session.add(capture_entry(snap, order_id=order.id))
                await session.flush()
            try:
                opened = await open_refund(
                    session,
                    order_id=order.id,
                    idempotency_key=f"late-{snap.payment_id}",
                    amount_minor=None,
                    reason=f"payment arrived after the checkout was {co.status}",
                    origin="late_payment",
                    payment_id=payment.id,
                )
            except RefundError as err:
                raise ApplicationError(err.message, type="Conflict", non_retryable=True) from err
            refund = opened.refund
            order.status_reason = (
                f"late payment {snap.payment_id} arrived after the checkout was "
                f"{refund.order_status_before}; refunded automatically ({refund.id})"
            )
            return LateRefund(
                refund_id=refund.id,
                workflow_id=refund.workflow_id,
                amount_minor=refund.amount_minor,
            )
