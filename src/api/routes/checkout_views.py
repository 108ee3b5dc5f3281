"""Rendering checkouts for the API, and mapping a verify outcome to an answer."""

from __future__ import annotations

from api.errors import ApiError
from api.schemas.checkouts import AmountsOut, CheckoutOut, GatewayOut, RazorpayVerifyOut
from sagas.db.models.checkouts import Checkout
from sagas.workflows.checkout import VerifyResult


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
        ),
        expires_at=co.expires_at,
        client_token=client_token,
        workflow_id=co.workflow_id,
        created_at=co.created_at,
    )


def verify_answer(checkout_id: str, result: VerifyResult) -> RazorpayVerifyOut:
    """paid / pending answer 200; a payment the gate refused is 400; a closed checkout 409."""
    if result.outcome == "rejected":
        raise ApiError(
            400,
            "payment_rejected",
            result.detail or "payment not accepted",
            {"reason": result.reason, "status": result.stage},
        )
    if result.outcome == "closed":
        raise ApiError(
            409, "checkout_closed", f"checkout is {result.stage}", {"reason": result.reason}
        )
    return RazorpayVerifyOut(checkout_id=checkout_id, outcome=result.outcome, status=result.stage)
