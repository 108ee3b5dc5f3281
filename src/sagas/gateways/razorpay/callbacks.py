"""Razorpay Checkout's payer callback: its handler signature over order_id|payment_id."""

from __future__ import annotations

from sagas.gateways.razorpay.orders.signature import payment_signature_valid
from sagas.settings import Settings


class RazorpayCallbacks:
    def signature_valid(
        self, settings: Settings, *, object_id: str, payment_id: str, signature: str
    ) -> bool:
        """Razorpay Checkout's handler signature over ``order_id|payment_id``."""
        secret = settings.razorpay_key_secret
        key = secret.get_secret_value() if secret else ""
        return payment_signature_valid(object_id, payment_id, signature, key)


CALLBACKS = RazorpayCallbacks()
