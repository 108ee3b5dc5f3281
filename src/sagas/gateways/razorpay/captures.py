"""Capturing a Razorpay authorization: payments arrive authorized and are ours to
capture (``traits.captures_authorized``); the merchant's capture of part of one is a
capture of the whole followed by a refund of the rest (``release-<capture id>``)."""

from __future__ import annotations

from sagas.domain.captures import CaptureOutcome, CaptureRequest, VoidOutcome
from sagas.domain.refunds import RefundRequest
from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.orders.capture import capture as capture_payment
from sagas.gateways.razorpay.orders.reads import read_payment
from sagas.gateways.razorpay.refunds import RazorpayRefunds


class RazorpayCapture(RazorpayAdapter):
    """Razorpay captures only whole authorizations: a partial capture is a capture of all
    followed by a refund of the rest (keyed ``release-<capture id>``), recorded as such."""

    async def capture(
        self, payment_id: str, *, amount_minor: int, currency: str
    ) -> PaymentSnapshot:
        return await capture_payment(
            self.client, payment_id, amount=amount_minor, currency=currency
        )

    async def capture_authorized(self, req: CaptureRequest) -> CaptureOutcome:
        authorized = req.authorized_minor
        snap = await capture_payment(
            self.client, req.payment_id, amount=authorized, currency=req.currency
        )
        if snap.status is not PaymentStatus.SETTLED:
            raise PermanentGatewayError(f"capture of {req.payment_id} left it {snap.status}")
        rest = authorized - req.amount_minor
        release = None
        if rest > 0:
            release = await RazorpayRefunds(self._clients).create_refund(
                RefundRequest(
                    payment_id=req.payment_id,
                    amount_minor=rest,
                    refund_id=f"release-{req.capture_id}",
                    order_id=req.capture_id,
                ),
            )
        return CaptureOutcome(
            payment=snap,
            captured_minor=req.amount_minor,
            captured_at_psp=authorized,
            released_minor=rest,
            release_refund_id=release.gateway_refund_id if release else None,
        )

    async def void(self, payment_id: str, *, void_id: str) -> VoidOutcome:
        """Razorpay has no void: an authorization never captured is refunded by Razorpay
        itself after its hold; we only make sure it was not captured."""
        snap = await read_payment(self.client, payment_id)
        if snap.status is PaymentStatus.SETTLED:
            raise PermanentGatewayError(f"payment {payment_id} is captured; refund it instead")
        return VoidOutcome(payment_id=payment_id, status=str(snap.status))
