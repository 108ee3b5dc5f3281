"""The headers each PSP sends with a webhook, its signature among them. Signatures are
computed per attempt, so a Stripe retry carries a fresh timestamp as Stripe's do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.webhooks.deliveries import Delivery
from pspsim.webhooks.signing import razorpay_webhook_signature, stripe_signature_header

if TYPE_CHECKING:
    from pspsim.config import SimConfig


def signed_headers(delivery: Delivery, cfg: SimConfig) -> dict[str, str]:
    if delivery.gateway == "stripe":
        return {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            "Stripe-Signature": stripe_signature_header(delivery.body, cfg.stripe_webhook_secret),
        }
    return {
        "Content-Type": "application/json",
        "User-Agent": "Razorpay-Webhook/v1",
        "X-Razorpay-Signature": razorpay_webhook_signature(
            delivery.body, cfg.razorpay_webhook_secret
        ),
        "X-Razorpay-Event-Id": delivery.event_id,
    }
