"""Creating a checkout's Payment Link: a Price for the net total, then a Link on it (keys
``checkout-<id>-price``, ``-payment-link``)."""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.gateway_objects import CheckoutOrder
from sagas.gateways.stripe import units
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.intents.metadata import capture_method, checkout_metadata


async def create_payment_link(client: stripe.StripeClient, order: CheckoutOrder) -> dict[str, Any]:
    """A Price (with its Product) for the net total, then a Link on it."""
    price = await stripe_call(
        client.v1.prices.create_async,
        params={
            "currency": order.currency.lower(),
            "unit_amount": units.to_stripe(order.amount_minor, order.currency),
            "product_data": {"name": f"Order {order.order_id}"},
            "metadata": checkout_metadata(order),
        },
        options={"idempotency_key": f"checkout-{order.checkout_id}-price"},
    )
    params: dict[str, Any] = {
        "line_items": [{"price": price.id, "quantity": 1}],
        "metadata": checkout_metadata(order),
        "payment_intent_data": {
            "metadata": checkout_metadata(order),
            **capture_method(order.capture),
        },
    }
    if order.success_url:
        params["after_completion"] = {"type": "redirect", "redirect": {"url": order.success_url}}
    link = await stripe_call(
        client.v1.payment_links.create_async,
        params=params,
        options={"idempotency_key": f"checkout-{order.checkout_id}-payment-link"},
    )
    return as_dict(link)
