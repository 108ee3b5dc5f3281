"""The two PSPs' webhook and checkout signature schemes (NOTES.md, with test vectors).

Stripe: `t=<unix>,v1=hex(HMAC_SHA256(whole whsec string, f"{t}.{body}"))`.
Razorpay: hex HMAC-SHA256 of the raw body with the webhook secret; the checkout
handoff signs `order_id|payment_id` with the API key secret.
"""

from __future__ import annotations

import hashlib
import hmac
import time


def hmac_hex(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def stripe_signature_header(payload: str, secret: str, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={hmac_hex(secret, f'{t}.{payload}')}"


def razorpay_webhook_signature(body: str, secret: str) -> str:
    return hmac_hex(secret, body)


def razorpay_payment_signature(order_id: str, payment_id: str, key_secret: str) -> str:
    return hmac_hex(key_secret, f"{order_id}|{payment_id}")


def razorpay_subscription_signature(payment_id: str, subscription_id: str, secret: str) -> str:
    """Razorpay signs subscription payments in the reversed order: payment first."""
    return hmac_hex(secret, f"{payment_id}|{subscription_id}")
