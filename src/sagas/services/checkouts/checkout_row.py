"""A new checkout's row, from its request and priced cart."""

from __future__ import annotations

from datetime import datetime

from sagas.db.models.checkouts import Checkout
from sagas.services.catalogue.quotes import Quote
from sagas.services.checkouts.requests import NewCheckout


def new_checkout_row(
    req: NewCheckout,
    quote: Quote,
    *,
    ids: tuple[str, str],
    idempotency: tuple[str, str],
    client_token_hash: str,
    expires_at: datetime,
) -> Checkout:
    """``ids``: (checkout id, order id); ``idempotency``: (key, request fingerprint)."""
    checkout_id, order_id = ids
    totals = quote.totals
    return Checkout(
        id=checkout_id,
        idempotency_key=idempotency[0],
        request_fingerprint=idempotency[1],
        order_id=order_id,
        customer_id=req.customer_id,
        customer_email=req.customer_email,
        gateway=req.gateway,
        flow=req.flow,
        capture_method=req.capture,
        status="created",
        currency=totals.total.currency,
        subtotal_minor=totals.subtotal.amount,
        discount_minor=totals.discount.amount,
        total_minor=totals.total.amount,
        discount_code_id=quote.code.id if quote.code is not None else None,
        client_token_hash=client_token_hash,
        expires_at=expires_at,
        success_url=req.success_url,
        request_metadata=dict(req.metadata),
        payer_details={},
        workflow_id=f"checkout-{checkout_id}",
    )
