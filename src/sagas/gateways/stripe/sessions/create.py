"""Creating a checkout's Session (idempotency key ``checkout-<id>-session``); it carries
the checkout's metadata onto the PaymentIntent it spawns."""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.gateway_objects import CheckoutOrder
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.intents.metadata import capture_method, checkout_metadata
from sagas.gateways.stripe.sessions.expiry import session_expiry
from sagas.gateways.stripe.sessions.line_items import _net_line


async def create_checkout_session(
    client: stripe.StripeClient, order: CheckoutOrder
) -> dict[str, Any]:
    """One line for the whole net total: the server priced the cart, discount included.
    On the customer's Stripe Customer when there is one (Stripe takes either that or an
    email, not both)."""
    params: dict[str, Any] = {
        "mode": "payment",
        "line_items": [_net_line(order.order_id, order.amount_minor, order.currency)],
        "metadata": checkout_metadata(order),
        "payment_intent_data": {
            "metadata": checkout_metadata(order),
            **capture_method(order.capture),
        },
        "client_reference_id": order.checkout_id,
        "expires_at": session_expiry(order.expires_at, order.created_at),
        "success_url": order.success_url or "https://example.invalid/checkout/done",
    }
    if order.gateway_customer_id:
        params["customer"] = order.gateway_customer_id
    else:
        params["customer_email"] = order.customer_email
    session = await stripe_call(
        client.v1.checkout.sessions.create_async,
        params=params,
        options={"idempotency_key": f"checkout-{order.checkout_id}-session"},
    )
    return as_dict(session)
