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
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.psp import _psp
from sagas.activities.checkout.review_models import LatePayment, LateRefund, ReviewFinding
from sagas.db.engine import unit_of_work
from sagas.db.ids import new_id
from sagas.db.models.checkouts import Checkout
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, Payment
from sagas.domain.psp_events import PspEvent
from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.clients import GatewayClients
from sagas.gateways.razorpay import orders as rzp
from sagas.gateways.stripe import payments as stp
from sagas.services.refunds import RefundError, open_refund
from sagas.settings import Settings


class PaymentReviewActivities:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        gateways: GatewayClients,
        settings: Settings,
    ) -> None:
        self._sessions = sessions
        self._gw = gateways
        self._settings = settings

    async def _read(self, gateway: str, payment_id: str) -> PaymentSnapshot:
        if gateway == "razorpay":
            return await rzp.read_payment(self._gw.require_razorpay(), payment_id)
        return await stp.read_intent(self._gw.require_stripe(), payment_id)

    @activity.defn(name="payment_review.inspect")
    async def inspect(self, event: PspEvent) -> ReviewFinding:
        payment_id = event.payment_id or event.object_id
        snap = await _psp(lambda: self._read(event.gateway.value, payment_id))
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
        if held is not None:
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
                payment = Payment(
                    id=new_id("pay"),
                    order_id=order.id,
                    checkout_id=co.id,
                    gateway=snap.gateway,
                    gateway_payment_id=snap.payment_id,
                    gateway_object_id=snap.gateway_object_id,
                    amount_minor=snap.amount_minor,
                    currency=snap.currency,
                    status="late",
                    psp_snapshot=snap.model_dump(mode="json"),
                )
                session.add(payment)
                order.captured_minor += snap.amount_minor
                session.add(
                    LedgerEntry(
                        id=new_id("led"),
                        order_id=order.id,
                        kind="capture",
                        reference=snap.payment_id,
                        amount_minor=snap.amount_minor,
                        currency=snap.currency,
                        gateway=snap.gateway,
                    )
                )
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
