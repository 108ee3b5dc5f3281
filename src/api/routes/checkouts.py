"""Checkouts: start the saga, read it, cancel it, and the Razorpay callback.

``POST /v1/checkouts`` writes the checkout and its pending order in one transaction, then
starts the workflow with update-with-start and answers only once the gateway object exists
(201) or the PSP refused (502, the workflow has already released everything).
``Idempotency-Key`` is required: the same key and body answer the same checkout with
**200** (its ``client_token`` is not repeated: only its hash is kept); another body is 409.
Two concurrent requests with one key meet on the unique key and on the workflow id.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import (
    Client,
    WithStartWorkflowOperation,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
)
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError

from api.deps import AnyBearer, ServiceOnly, SessionDep, SettingsDep, TemporalDep
from api.errors import ApiError
from api.routes.checkout_views import checkout_out, new_checkout, verify_answer, verify_body
from api.schemas.checkouts import (
    CancelIn,
    CheckoutCreate,
    CheckoutOut,
    RazorpayVerifyIn,
    RazorpayVerifyOut,
)
from sagas.db.base import utcnow
from sagas.db.models.checkouts import Checkout
from sagas.gateways.razorpay.orders import payment_signature_valid
from sagas.services import checkouts as svc
from sagas.services.checkout_launch import checkout_input, checkout_search_attributes
from sagas.settings import Settings
from sagas.workflows.checkout import (
    CancelRequest,
    CancelResult,
    CheckoutInput,
    CheckoutWorkflow,
    GatewayObjectRequest,
    GatewayObjectResult,
    VerifyRequest,
    VerifyResult,
)

router = APIRouter(prefix="/v1/checkouts", tags=["checkouts"])
CheckoutId = Annotated[str, Path(min_length=1, max_length=40)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=255)]


async def _start(
    client: Client, co: Checkout, settings: Settings, inp: CheckoutInput | None = None
) -> GatewayObjectResult:
    """Start the saga (or join the running one) and wait for its gateway object.
    ``inp`` overrides the input built from the row and settings (tests tune timings)."""
    start = WithStartWorkflowOperation(
        CheckoutWorkflow.run,
        inp or checkout_input(co, settings),
        id=co.workflow_id,
        task_queue=settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        search_attributes=checkout_search_attributes(co),
        static_summary=(
            f"Checkout {co.id}: {co.total_minor} {co.currency} via {co.gateway}/{co.flow}"
        ),
        static_details=f"order {co.order_id} · customer {co.customer_id} · "
        f"expires {co.expires_at.isoformat()}",
    )
    result: GatewayObjectResult = await client.execute_update_with_start_workflow(
        "wait_gateway_object",
        GatewayObjectRequest(),
        start_workflow_operation=start,
        result_type=GatewayObjectResult,
    )
    return result


async def _answer(
    session: AsyncSession,
    client: Client,
    co: Checkout,
    settings: Settings,
) -> Checkout:
    """Wait for the gateway object of ``co`` (if still being made) and re-read the row."""
    if co.status == "created":
        try:
            result: GatewayObjectResult | None = await _start(client, co, settings)
        except WorkflowAlreadyStartedError:
            result = None  # the saga already closed: the row says how it ended
        except (
            RPCError,
            WorkflowUpdateFailedError,
            WorkflowUpdateRPCTimeoutOrCancelledError,
        ) as err:
            # The row stays `created` with its discount held: the same Idempotency-Key
            # resumes it (and the reconciliation restarts a saga that never started).
            raise ApiError(
                503,
                "service_unavailable",
                "the checkout saga could not be reached; retry with the same Idempotency-Key",
                {"checkout_id": co.id},
            ) from err
        await session.refresh(co)
        if result is not None and not result.ok and co.status == "created":
            raise ApiError(502, "gateway_error", result.error or "the payment provider failed")
    if co.status == "failed":
        raise ApiError(
            502,
            "gateway_error",
            co.status_reason or "the payment provider failed",
            {"checkout_id": co.id, "order_id": co.order_id},
        )
    return co


@router.post("", status_code=201, summary="Start a checkout saga (service)")
async def create_checkout(
    _: ServiceOnly,
    body: CheckoutCreate,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CheckoutOut:
    if not idempotency_key or not idempotency_key.strip():
        raise ApiError(400, "idempotency_key_required", "the Idempotency-Key header is required")
    fingerprint = svc.fingerprint(body.model_dump(mode="json"))
    existing = await svc.by_idempotency_key(session, idempotency_key)
    if existing is None:
        configured = (
            settings.stripe_configured
            if body.gateway == "stripe"
            else (settings.razorpay_configured)
        )
        if not configured:
            raise ApiError(503, "gateway_not_configured", f"{body.gateway} is not configured")
        try:
            created = await svc.create_checkout(
                session,
                new_checkout(body),
                idempotency_key=idempotency_key,
                request_fingerprint=fingerprint,
                now=utcnow(),
                default_expires_in_s=settings.checkout_default_expires_in_s,
            )
            await session.commit()
        except svc.CheckoutError as err:
            await session.rollback()
            raise ApiError(err.status, err.code, err.message, err.details) from err
        except IntegrityError:
            await session.rollback()  # a concurrent request with this key won
            existing = await svc.by_idempotency_key(session, idempotency_key)
            if existing is None:
                raise ApiError(409, "conflict", "concurrent request, retry") from None
        else:
            co = await _answer(session, client, created.checkout, settings)
            return checkout_out(co, client_token=created.client_token)
    if existing.request_fingerprint != fingerprint:
        raise ApiError(
            409, "idempotency_conflict", "this Idempotency-Key was used with another request body"
        )
    co = await _answer(session, client, existing, settings)
    response.status_code = 200
    return checkout_out(co)


async def _load(session: AsyncSession, checkout_id: str) -> Checkout:
    co = await session.get(Checkout, checkout_id)
    if co is None:
        raise ApiError(404, "not_found", f"no checkout {checkout_id!r}")
    return co


def _client_token_ok(co: Checkout, token: str) -> bool:
    return hmac.compare_digest(svc.token_hash(token), co.client_token_hash)


@router.get("/{checkout_id}", summary="Read a checkout (service, admin, its client_token)")
async def get_checkout(
    principal: AnyBearer, checkout_id: CheckoutId, session: SessionDep
) -> CheckoutOut:
    co = await session.get(Checkout, checkout_id)
    if principal.role is None and (co is None or not _client_token_ok(co, principal.token)):
        raise ApiError(401, "unauthenticated", "invalid credentials")
    if co is None:
        raise ApiError(404, "not_found", f"no checkout {checkout_id!r}")
    return checkout_out(co)


@router.post("/{checkout_id}/cancel", summary="Cancel an unpaid checkout (service)")
async def cancel_checkout(
    _: ServiceOnly,
    checkout_id: CheckoutId,
    session: SessionDep,
    client: TemporalDep,
    body: CancelIn | None = None,
) -> CheckoutOut:
    co = await _load(session, checkout_id)
    if co.status not in ("created", "awaiting_payment", "processing"):
        raise ApiError(409, "not_cancellable", f"checkout is {co.status}")
    reason = body.reason if body else CancelIn().reason
    handle = client.get_workflow_handle(co.workflow_id)
    try:
        result = await handle.execute_update(
            "cancel", CancelRequest(reason=reason), result_type=CancelResult
        )
    except WorkflowUpdateRPCTimeoutOrCancelledError as err:
        raise ApiError(503, "service_unavailable", "the cancel is still running; retry") from err
    except (RPCError, WorkflowUpdateFailedError) as err:
        raise ApiError(409, "not_cancellable", "the checkout saga is not running") from err
    await session.refresh(co)
    if not result.accepted:
        raise ApiError(409, "not_cancellable", result.message, {"status": result.stage})
    return checkout_out(co)


@router.post(
    "/{checkout_id}/razorpay/verify",
    summary="Razorpay Checkout callback (client_token)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RazorpayVerifyIn.model_json_schema()}},
        }
    },
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
    if co is None or not _client_token_ok(co, principal.token):
        raise ApiError(401, "unauthenticated", "this route needs the checkout's client_token")
    body = await verify_body(raw)
    if co.gateway != "razorpay":
        raise ApiError(400, "bad_request", "not a Razorpay checkout")
    if not co.gateway_object_id or body.razorpay_order_id != co.gateway_object_id:
        raise ApiError(400, "order_mismatch", "razorpay_order_id is not this checkout's order")
    secret = settings.razorpay_key_secret.get_secret_value() if settings.razorpay_key_secret else ""
    if not payment_signature_valid(
        body.razorpay_order_id, body.razorpay_payment_id, body.razorpay_signature, secret
    ):
        raise ApiError(400, "invalid_signature", "razorpay_signature does not verify")
    if await svc.holds_payment(session, co, body.razorpay_payment_id):
        # The webhook or the poll got there first (the saga may even have finished):
        # the gate already accepted this very payment, so the answer is the same.
        return RazorpayVerifyOut(checkout_id=co.id, outcome="paid", status=co.status)
    handle = client.get_workflow_handle(co.workflow_id)
    request = VerifyRequest(
        razorpay_order_id=body.razorpay_order_id, razorpay_payment_id=body.razorpay_payment_id
    )
    try:
        result = await handle.execute_update("razorpay_verified", request, result_type=VerifyResult)
    except WorkflowUpdateRPCTimeoutOrCancelledError as err:
        raise ApiError(503, "service_unavailable", "the payment is still being checked") from err
    except (RPCError, WorkflowUpdateFailedError) as err:
        raise ApiError(409, "checkout_closed", "the checkout saga is not running") from err
    return verify_answer(co.id, result)
