"""Parsing and rendering for the checkout routes: request → service input, row → body,
verify outcome → answer."""

from __future__ import annotations

from fastapi import Request
from pydantic import ValidationError

from api.errors import ApiError
from api.schemas.checkouts import (
    AmountsOut,
    CheckoutCreate,
    CheckoutOut,
    GatewayOut,
    RazorpayVerifyIn,
    RazorpayVerifyOut,
)
from sagas.db.models.checkouts import Checkout
from sagas.services import checkouts as svc
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


def new_checkout(body: CheckoutCreate) -> svc.NewCheckout:
    return svc.NewCheckout(
        customer_id=body.customer_id,
        customer_email=body.customer_email,
        items=[svc.Item(i.product_id, i.quantity, dict(i.custom_data)) for i in body.items],
        gateway=body.gateway,
        flow=body.flow,
        discount_code=body.discount_code,
        expires_in_s=body.expires_in_s,
        success_url=body.success_url,
        metadata=dict(body.metadata),
    )


async def verify_body(raw: Request) -> RazorpayVerifyIn:
    try:
        return RazorpayVerifyIn.model_validate_json(await raw.body())
    except ValidationError as err:
        details = [
            {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in err.errors()
        ]
        raise ApiError(422, "validation_error", "request is invalid", details) from err
