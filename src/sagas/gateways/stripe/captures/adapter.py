"""Stripe's capture adapter: the whole capture, the merchant's partial capture, the void."""

from __future__ import annotations

from sagas.domain.captures import CaptureOutcome, CaptureRequest, VoidOutcome
from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.captures.wire import capture_intent, void_intent


class StripeCapture(StripeAdapter):
    """Stripe captures part of an authorization and releases the rest itself."""

    async def capture(
        self, payment_id: str, *, amount_minor: int, currency: str
    ) -> PaymentSnapshot:
        return await capture_intent(
            self.client,
            payment_id,
            amount_minor=amount_minor,
            currency=currency,
            capture_id=payment_id,
        )

    async def capture_authorized(self, req: CaptureRequest) -> CaptureOutcome:
        snap = await capture_intent(
            self.client,
            req.payment_id,
            amount_minor=req.amount_minor,
            currency=req.currency,
            capture_id=req.capture_id,
        )
        return CaptureOutcome(
            payment=snap,
            captured_minor=snap.amount_minor,
            captured_at_psp=snap.amount_minor,
            released_minor=req.authorized_minor - snap.amount_minor,
        )

    async def void(self, payment_id: str, *, void_id: str) -> VoidOutcome:
        return await void_intent(self.client, payment_id)
