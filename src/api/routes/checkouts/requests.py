"""A checkout request body as the service's input, and its idempotency fingerprint."""

from __future__ import annotations

from api.schemas.checkouts import CheckoutCreate
from sagas.services.checkouts.replays import fingerprint
from sagas.services.checkouts.requests import Item, NewCheckout


def request_fingerprint(body: CheckoutCreate) -> str:
    """The body's hash; ``capture`` counts only when not the default, so a request made
    before it existed keeps its fingerprint."""
    data = body.model_dump(mode="json")
    if data.get("capture") == "automatic":
        del data["capture"]
    return fingerprint(data)


def new_checkout(body: CheckoutCreate) -> NewCheckout:
    return NewCheckout(
        customer_id=body.customer_id,
        customer_email=body.customer_email,
        items=[Item(i.product_id, i.quantity, dict(i.custom_data)) for i in body.items],
        gateway=body.gateway,
        flow=body.flow,
        discount_code=body.discount_code,
        expires_in_s=body.expires_in_s,
        success_url=body.success_url,
        metadata=dict(body.metadata),
        capture=body.capture,
    )
