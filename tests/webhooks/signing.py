"""Razorpay's webhook signature, computed the way NOTES.md §5 pins it (hex HMAC-SHA256)."""

from __future__ import annotations

import hashlib
import hmac


def razorpay_signature(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
