"""A checkout as ``GET`` (and its merchant events) show it.

Only models and schemas in this package: no service, no route, so anything may import it.
"""

from __future__ import annotations

from api.schemas.checkouts import AmountsOut, CheckoutOut, GatewayOut, NextActionOut
from sagas.db.models.checkouts import Checkout


def checkout_out(co: Checkout, *, client_token: str | None = None) -> CheckoutOut:
    details = co.payer_details or {}
    return CheckoutOut(
        id=co.id,
        order_id=co.order_id,
        status=co.status,
        status_reason=co.status_reason,
        amounts=AmountsOut(
            subtotal=co.subtotal_minor,
            discount=co.discount_minor,
            total=co.total_minor,
            currency=co.currency,
        ),
        gateway=GatewayOut(
            name=co.gateway,
            flow=co.flow,
            object_id=co.gateway_object_id,
            client_secret=details.get("client_secret"),
            url=details.get("url"),
            razorpay_order_id=details.get("razorpay_order_id"),
            key_id=details.get("key_id"),
            next_action=_next_action(co),
        ),
        expires_at=co.expires_at,
        client_token=client_token,
        workflow_id=co.workflow_id,
        created_at=co.created_at,
    )


def _next_action(co: Checkout) -> NextActionOut | None:
    """Where the payer completes 3-D Secure, while the checkout still waits for it."""
    action = (co.payer_details or {}).get("next_action")
    if co.status not in ("awaiting_payment", "processing") or not isinstance(action, dict):
        return None
    return NextActionOut(type=str(action.get("type")), url=str(action.get("url")))
