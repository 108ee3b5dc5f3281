"""Payment review: a payment that reached the PSP for a closed or unknown checkout.

``inspect`` re-reads the payment and our records; a settled payment that no paid order
holds is *late*: ``record_late_payment`` books it on the order (a ``late`` payment, the
capture in the ledger, a pending refund), ``refund_late_payment`` asks the PSP to give the
money back with the key ``late-<payment id>`` (a retry cannot refund twice), and
``finish_refund`` settles our records from the PSP's own refund state. A payment without
our checkout id is not ours to touch.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.psp import _psp
from sagas.activities.checkout.review_models import (
    LatePayment,
    LateRefund,
    RefundOutcome,
    ReviewFinding,
)
from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.ids import new_id
from sagas.db.models.checkouts import Checkout
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.domain.psp_events import PspEvent
from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.clients import GatewayClients
from sagas.gateways.razorpay import orders as rzp
from sagas.gateways.stripe import payments as stp
from sagas.settings import Settings

SUCCEEDED = {"succeeded", "processed"}
FAILED = {"failed", "canceled"}


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
            key = f"late-{snap.payment_id}"
            refund = await session.scalar(select(Refund).where(Refund.idempotency_key == key))
            if refund is None:
                refund = Refund(
                    id=new_id("rf"),
                    order_id=order.id,
                    payment_id=payment.id,
                    idempotency_key=key,
                    request_fingerprint=key,
                    origin="late_payment",
                    gateway=snap.gateway,
                    amount_minor=snap.amount_minor,
                    currency=snap.currency,
                    reason=f"payment arrived after the checkout was {co.status}",
                    status="pending",
                    order_status_before=order.status,
                    workflow_id=req.workflow_id,
                )
                session.add(refund)
            order.status_reason = f"late payment {snap.payment_id} after checkout {co.status}"
            return LateRefund(
                refund_id=refund.id,
                gateway=snap.gateway,
                payment_id=snap.payment_id,
                amount_minor=refund.amount_minor,
                gateway_refund_id=refund.gateway_refund_id,
            )

    @activity.defn(name="payment_review.refund_late_payment")
    async def refund_late_payment(self, req: LateRefund) -> LateRefund:
        key = f"late-{req.payment_id}"
        meta = {"refund_id": req.refund_id, "reason": "late_payment"}
        if req.gateway == "razorpay":
            made = await _psp(
                lambda: rzp.refund(
                    self._gw.require_razorpay(),
                    req.payment_id,
                    amount=req.amount_minor,
                    key=key,
                    notes=meta,
                )
            )
        else:
            made = await _psp(
                lambda: stp.refund_intent(
                    self._gw.require_stripe(),
                    req.payment_id,
                    amount=req.amount_minor,
                    key=key,
                    metadata=meta,
                )
            )
        async with unit_of_work(self._sessions) as session:
            row = await session.get(Refund, req.refund_id, with_for_update=True)
            assert row is not None
            row.gateway_refund_id = str(made["id"])
        return req.model_copy(update={"gateway_refund_id": str(made["id"])})

    @activity.defn(name="payment_review.finish_refund")
    async def finish_refund(self, req: LateRefund) -> RefundOutcome:
        """Read the refund at the PSP; when final, settle our records (idempotent)."""
        if req.gateway_refund_id is None:
            raise ApplicationError("refund has no PSP id yet", type="Conflict")
        gid = req.gateway_refund_id
        if req.gateway == "razorpay":
            status = await _psp(lambda: rzp.read_refund_status(self._gw.require_razorpay(), gid))
        else:
            status = await _psp(lambda: stp.read_refund_status(self._gw.require_stripe(), gid))
        if status not in SUCCEEDED | FAILED:
            return RefundOutcome(refund_id=req.refund_id, status="pending")
        async with unit_of_work(self._sessions) as session:
            refund = await session.get(Refund, req.refund_id, with_for_update=True)
            assert refund is not None
            order = await session.get(Order, refund.order_id, with_for_update=True)
            payment = await session.get(Payment, refund.payment_id, with_for_update=True)
            assert order is not None and payment is not None
            if refund.status == "pending" and status in SUCCEEDED:
                refund.status, refund.settled_at = "succeeded", utcnow()
                order.refunded_minor += refund.amount_minor
                payment.refunded_minor += refund.amount_minor
                order.status = "refunded"
                order.status_reason = (
                    f"late payment {payment.gateway_payment_id} arrived after the checkout "
                    f"was {refund.order_status_before}; refunded automatically"
                )
                session.add(
                    LedgerEntry(
                        id=new_id("led"),
                        order_id=order.id,
                        kind="refund",
                        reference=refund.id,
                        amount_minor=-refund.amount_minor,
                        currency=refund.currency,
                        gateway=refund.gateway,
                    )
                )
            elif refund.status == "pending":
                refund.status, refund.failure_reason = "failed", f"PSP refund {status}"
            return RefundOutcome(
                refund_id=refund.id, status=refund.status, order_status=order.status
            )
