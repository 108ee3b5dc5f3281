"""What a checkout's PaymentIntent carries: the checkout id rides in ``metadata`` of the
object *and* of the PaymentIntent a Session or Link spawns, so a webhook can be routed
back and the settlement gate can check the binding; and its capture method."""

from __future__ import annotations

from sagas.domain.gateway_objects import CheckoutOrder


def checkout_metadata(order: CheckoutOrder) -> dict[str, str]:
    """The request's metadata beside our own keys, which always win (CONTRACT 11.6)."""
    return {**order.metadata, "checkout_id": order.checkout_id, "order_id": order.order_id}


def capture_method(capture: str) -> dict[str, str]:
    """Manual capture only authorizes (``requires_capture``); automatic sends nothing, so
    an automatic checkout's create keeps the parameters its idempotency key was used with."""
    return {"capture_method": "manual"} if capture == "manual" else {}
