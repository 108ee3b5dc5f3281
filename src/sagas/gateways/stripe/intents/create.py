"""Creating a checkout's PaymentIntent. The idempotency key is derived from the checkout id
and the step (``checkout-<id>-payment-intent``), never a random one: the SDK would invent
one per call, and a retried activity would then create a second PaymentIntent."""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.gateway_objects import CheckoutOrder
from sagas.gateways.stripe import units
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.intents.metadata import capture_method, checkout_metadata


async def create_payment_intent(
    client: stripe.StripeClient, order: CheckoutOrder
) -> dict[str, Any]:
    params: dict[str, Any] = {
        "amount": units.to_stripe(order.amount_minor, order.currency),
        "currency": order.currency.lower(),
        "metadata": checkout_metadata(order),
        "receipt_email": order.customer_email,
        "description": f"Order {order.order_id}",
        **capture_method(order.capture),
    }
    if order.gateway_customer_id:
        params["customer"] = order.gateway_customer_id
    pi = await stripe_call(
        client.v1.payment_intents.create_async,
        params=params,
        options={"idempotency_key": f"checkout-{order.checkout_id}-payment-intent"},
    )
    return as_dict(pi)
