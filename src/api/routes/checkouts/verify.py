"""The Razorpay Checkout callback (client_token): the payer's browser reports a payment."""

from __future__ import annotations

from fastapi import APIRouter, Request
from temporalio.client import WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError
from temporalio.service import RPCError

from api.deps import AnyBearer, SessionDep, SettingsDep, TemporalDep
from api.errors import ApiError
from api.openapi.errors import error_responses
from api.routes.checkouts.params import CheckoutId
from api.routes.checkouts.tokens import client_token_ok
from api.routes.checkouts.verify_checks import check_callback
from api.routes.checkouts.verify_io import verify_answer, verify_body
from api.schemas.checkouts import RazorpayVerifyIn, RazorpayVerifyOut
from sagas.db.models.checkouts import Checkout
from sagas.services.checkouts.payments import holds_payment
from sagas.starters import checkout as flow
from sagas.workflows.checkout import VerifyRequest

router = APIRouter(prefix="/v1/checkouts", tags=["checkouts"])
_BODY = {"application/json": {"schema": RazorpayVerifyIn.model_json_schema()}}


@router.post(
    "/{checkout_id}/razorpay/verify",
    summary="Razorpay Checkout callback (client_token)",
    responses=error_responses(400, 409),
    openapi_extra={"requestBody": {"required": True, "content": _BODY}},
)
async def razorpay_verify(
    principal: AnyBearer,
    checkout_id: CheckoutId,
    raw: Request,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
) -> RazorpayVerifyOut:
    """The body is read only after the client_token is checked, so a caller without it
    learns nothing from a validation error (401/403 first, then 422)."""
    co = await session.get(Checkout, checkout_id)
    if principal.role is not None:
        raise ApiError(403, "forbidden", "this route needs the checkout's client_token")
    if co is None or not client_token_ok(co, principal.token):
        raise ApiError(401, "unauthenticated", "this route needs the checkout's client_token")
    body = await verify_body(raw)
    check_callback(co, body, settings)
    if await holds_payment(session, co, body.razorpay_payment_id):
        # The webhook or the poll got there first (the saga may even have finished):
        # the gate already accepted this very payment, so the answer is the same.
        return RazorpayVerifyOut(checkout_id=co.id, outcome="paid", status=co.status)
    request = VerifyRequest(
        razorpay_order_id=body.razorpay_order_id, razorpay_payment_id=body.razorpay_payment_id
    )
    try:
        result = await flow.verify_razorpay(client, co.workflow_id, request)
    except WorkflowUpdateRPCTimeoutOrCancelledError as err:
        raise ApiError(503, "service_unavailable", "the payment is still being checked") from err
    except (RPCError, WorkflowUpdateFailedError) as err:
        raise ApiError(409, "checkout_closed", "the checkout saga is not running") from err
    return verify_answer(co.id, result)
