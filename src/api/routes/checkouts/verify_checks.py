"""Checking a Razorpay callback against its checkout before the saga hears of it."""

from __future__ import annotations

from api.errors import ApiError
from api.schemas.checkouts import RazorpayVerifyIn
from sagas.db.models.checkouts import Checkout
from sagas.gateways.registry import callbacks_for
from sagas.settings import Settings


def check_callback(co: Checkout, body: RazorpayVerifyIn, settings: Settings) -> None:
    """400 unless this is the checkout's own order and the signature verifies."""
    callbacks = callbacks_for(co.gateway)
    if callbacks is None:
        raise ApiError(400, "bad_request", "not a Razorpay checkout")
    if not co.gateway_object_id or body.razorpay_order_id != co.gateway_object_id:
        raise ApiError(400, "order_mismatch", "razorpay_order_id is not this checkout's order")
    if not callbacks.signature_valid(
        settings,
        object_id=body.razorpay_order_id,
        payment_id=body.razorpay_payment_id,
        signature=body.razorpay_signature,
    ):
        raise ApiError(400, "invalid_signature", "razorpay_signature does not verify")
