"""Stripe's payment reads: a PaymentIntent, and whether its refunds cover an amount."""

from __future__ import annotations

from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.stripe import units
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.client import stripe_call
from sagas.gateways.stripe.intents.read import read_intent

REFUND_COUNTS = {"pending", "requires_action", "succeeded"}  # refunds that return money


class StripePayments(StripeAdapter):
    async def read_payment(self, payment_id: str) -> PaymentSnapshot:
        return await read_intent(self.client, payment_id)

    async def refunds_cover(self, payment_id: str, amount_minor: int) -> bool:
        page = await stripe_call(
            self.client.v1.refunds.list_async,
            params={"payment_intent": payment_id, "limit": 100},
        )
        data = page.to_dict().get("data", []) if hasattr(page, "to_dict") else []
        total = sum(
            units.from_stripe(int(r.get("amount") or 0), str(r.get("currency") or "usd"))
            for r in data
            if r.get("status") in REFUND_COUNTS
        )
        return total >= amount_minor
