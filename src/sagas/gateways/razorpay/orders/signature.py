"""Razorpay Checkout's handler signature over ``order_id|payment_id``."""

from __future__ import annotations

import hashlib
import hmac


def payment_signature_valid(order_id: str, payment_id: str, signature: str, secret: str) -> bool:
    """Razorpay Checkout's callback signature: HMAC-SHA256(``order_id|payment_id``, key
    secret), hex; compared in constant time (as the SDK's ``verify_payment_signature``)."""
    if not signature.isascii():
        return False  # compare_digest refuses non-ASCII str: such a signature is just wrong
    expected = hmac.new(secret.encode(), f"{order_id}|{payment_id}".encode(), hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), signature)
