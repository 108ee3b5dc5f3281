"""Subscriptions: start the saga, read one, cancel it now or at the period's end.

``POST /v1/subscriptions`` writes the row (and takes the customer's one trial) in one
transaction, then starts ``subscription-<id>``. For a paid plan without trial it waits,
with update-with-start, until the workflow has created the PSP subscription, and
answers what the payer needs (201), or 502 if the PSP refused (the subscription is then
``expired``: nothing is left pending). A paid plan whose gateway has no keys: 503, and
nothing is written. The same ``Idempotency-Key`` and body answer the same subscription
(200); another body is 409. Statuses are read from our rows, which the workflow writes.

Waits on the workflow are bounded by ``subscription_api_wait_s`` (30 s by default): a
busy or absent worker never holds a request open (see each route for the answer).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import (
    Client,
    WithStartWorkflowOperation,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
    WorkflowUpdateStage,
)
from temporalio.common import (
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from api.deps import ServiceOnly, SessionDep, SettingsDep, TemporalDep
from api.errors import ApiError
from api.schemas.subscriptions import SubscriptionCancel, SubscriptionCreate, SubscriptionOut
from sagas.db.base import utcnow
from sagas.db.models.subscriptions import Subscription
from sagas.services import subscriptions as svc
from sagas.settings import Settings
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.subscription.models import (
    CancelRequest,
    CancelResult,
    GatewayReady,
    SubscriptionRef,
)

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"])
SubscriptionId = Annotated[str, Path(min_length=1, max_length=40)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=255)]
WORKFLOW = "SubscriptionWorkflow"


def subscription_out(sub: Subscription) -> SubscriptionOut:
    return SubscriptionOut(
        id=sub.id,
        status=sub.status,
        status_reason=sub.status_reason,
        customer_id=sub.customer_id,
        plan_id=sub.plan_id,
        gateway=sub.gateway,
        amount=sub.price_minor,
        currency=sub.currency,
        gateway_subscription_id=sub.gateway_subscription_id,
        payer={k: str(v) for k, v in (sub.payer_details or {}).items()},
        current_period_start=sub.current_period_start,
        current_period_end=sub.current_period_end,
        trial_end=sub.trial_end,
        grace_until=sub.grace_until,
        cancel_at_period_end=sub.cancel_at_period_end,
        cancelled_at=sub.cancelled_at,
        workflow_id=sub.workflow_id,
        created_at=sub.created_at,
    )


def _start_kwargs(sub: Subscription, settings: Settings) -> dict[str, Any]:
    return {
        "id": sub.workflow_id,
        "task_queue": settings.temporal_task_queue,
        "id_conflict_policy": WorkflowIDConflictPolicy.USE_EXISTING,
        # A closed subscription's workflow is never started again.
        "id_reuse_policy": WorkflowIDReusePolicy.REJECT_DUPLICATE,
        "search_attributes": TypedSearchAttributes(
            initial_pairs(
                "subscription",
                customer_id=sub.customer_id,
                gateway=sub.gateway,
                amount_minor=sub.price_minor,
                currency=sub.currency,
            )
        ),
        "static_summary": f"Subscription {sub.id}: {sub.price_minor} {sub.currency}"
        f" via {sub.gateway or 'no gateway (free plan)'}",
        "static_details": f"customer {sub.customer_id} · plan {sub.plan_id}",
    }


#: The SDK turns the cancelled wait into its own error; either means "not in time".
_NOT_IN_TIME = (TimeoutError, WorkflowUpdateRPCTimeoutOrCancelledError)
_GRACE_S = 2.0


async def _start(client: Client, sub: Subscription, settings: Settings) -> None:
    inp = svc.workflow_input(sub.id, settings)
    with contextlib.suppress(WorkflowAlreadyStartedError):  # it ran and closed: see the row
        await client.start_workflow(WORKFLOW, inp, **_start_kwargs(sub, settings))


async def _started(op: WithStartWorkflowOperation[Any, Any]) -> bool:
    """Did the start half of an interrupted update-with-start go through? (Reading the
    future the SDK settled also keeps its unread error out of the logs.)"""
    try:
        await asyncio.wait_for(asyncio.shield(op.workflow_handle()), 1.0)
    except asyncio.CancelledError:
        # The interrupted call cancelled the start half's future: "not known to have
        # started". Only a cancellation of this request itself goes on up.
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
        return False
    except Exception:
        return False
    return True


async def _run(
    session: AsyncSession, client: Client, sub: Subscription, settings: Settings
) -> bool:
    """Start the workflow (or join it) and, while the PSP object is being made, wait up to
    ``subscription_api_wait_s``. False: it was not ready in time (the workflow runs)."""
    if sub.status in ("cancelled", "expired"):
        return True
    if sub.status != "pending_payment" or sub.gateway_subscription_id:
        await _start(client, sub, settings)
        await session.refresh(sub)
        return True
    op: WithStartWorkflowOperation[Any, Any] = WithStartWorkflowOperation(
        WORKFLOW, svc.workflow_input(sub.id, settings), **_start_kwargs(sub, settings)
    )
    wait_s = settings.subscription_api_wait_s
    try:
        # The RPC deadline ends the wait without cancelling the start half-way; the
        # outer bound only catches a call that overruns its deadline.
        await asyncio.wait_for(
            client.execute_update_with_start_workflow(
                "gateway_ready",
                SubscriptionRef(subscription_id=sub.id),
                start_workflow_operation=op,
                result_type=GatewayReady,
                rpc_timeout=timedelta(seconds=wait_s),
            ),
            wait_s + _GRACE_S,
        )
    except _NOT_IN_TIME:
        # Make sure it started (joining a running one is a no-op); answer what there is.
        if not await _started(op):
            await _start(client, sub, settings)
        await session.refresh(sub)
        return False
    except WorkflowAlreadyStartedError:
        pass  # it ran and closed: the row says how it ended
    except WorkflowUpdateFailedError as err:
        raise ApiError(503, "service_unavailable", f"subscription saga failed: {err}") from err
    await session.refresh(sub)
    if sub.status == "expired" and not sub.gateway_subscription_id:
        raise ApiError(
            502,
            "gateway_error",
            sub.status_reason or "the payment provider refused the subscription",
            {"subscription_id": sub.id},
        )
    return True


@router.post("", status_code=201, summary="Start a subscription saga (service)")
async def create_subscription(
    _: ServiceOnly,
    body: SubscriptionCreate,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> SubscriptionOut:
    """201 with what the payer needs; 200 for a repeated key. If the PSP subscription is
    not ready within the wait: **202** with the subscription as it stands
    (``pending_payment``, no payer details yet) and a ``Location``; its workflow runs on.
    Repeat the POST with the same key, or GET the subscription, for the payer details."""
    if not idempotency_key or not idempotency_key.strip():
        raise ApiError(400, "idempotency_key_required", "the Idempotency-Key header is required")

    async def open_() -> svc.Opened:
        return await svc.open_subscription(
            session,
            settings,
            idempotency_key=idempotency_key,
            customer_id=body.customer_id,
            plan_id=body.plan_id,
            gateway=body.gateway,
            now=utcnow(),
        )

    try:
        opened = await open_()
        await session.commit()
    except svc.SubscriptionError as err:
        await session.rollback()
        raise ApiError(err.status, err.code, err.message) from err
    except IntegrityError:
        await session.rollback()  # a concurrent request with this key won: answer its row
        try:
            opened = await open_()
        except svc.SubscriptionError as err:
            raise ApiError(err.status, err.code, err.message) from err
    sub = opened.subscription
    if not await _run(session, client, sub, settings):
        response.status_code = 202  # accepted; the payer details are not there yet
        response.headers["Location"] = f"/v1/subscriptions/{sub.id}"
    elif not opened.created:
        response.status_code = 200
    return subscription_out(sub)


async def _load(session: AsyncSession, subscription_id: str) -> Subscription:
    try:
        return await svc.get_subscription(session, subscription_id)
    except svc.SubscriptionNotFound as err:
        raise ApiError(404, "not_found", err.message) from err


@router.get("/{subscription_id}", summary="Read a subscription (service)")
async def read_subscription(
    _: ServiceOnly, subscription_id: SubscriptionId, session: SessionDep
) -> SubscriptionOut:
    return subscription_out(await _load(session, subscription_id))


@router.post("/{subscription_id}/cancel", summary="Cancel now or at the period's end (service)")
async def cancel_subscription(
    _: ServiceOnly,
    subscription_id: SubscriptionId,
    body: SubscriptionCancel,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    response: Response,
) -> SubscriptionOut:
    """200 once done. Accepted by the workflow but not done within the wait: **202**, the
    cancellation goes on (GET shows the end). Not even accepted in time: **504**
    ``saga_timeout`` with ``subscription_id`` and ``status``: nothing is known to be
    queued, so retrying is safe (one racing a late acceptance gets 409 "already in
    progress")."""
    sub = await _load(session, subscription_id)
    if sub.status in ("cancelled", "expired"):
        raise ApiError(409, "not_cancellable", f"the subscription is already {sub.status}")
    handle = client.get_workflow_handle(sub.workflow_id)
    request = CancelRequest(at_period_end=body.at_period_end, reason=body.reason)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.subscription_api_wait_s
    try:
        try:
            update = await asyncio.wait_for(
                handle.start_update(
                    "cancel",
                    request,
                    wait_for_stage=WorkflowUpdateStage.ACCEPTED,
                    result_type=CancelResult,
                    rpc_timeout=timedelta(seconds=settings.subscription_api_wait_s),
                ),
                settings.subscription_api_wait_s + _GRACE_S,
            )
        except _NOT_IN_TIME:
            raise ApiError(
                504,
                "saga_timeout",
                "the subscription's workflow did not take the cancellation in time; retry",
                {"subscription_id": sub.id, "status": sub.status},
            ) from None
        try:
            left = max(deadline - loop.time(), 1.0)
            await asyncio.wait_for(
                update.result(rpc_timeout=timedelta(seconds=left)), left + _GRACE_S
            )
        except _NOT_IN_TIME:
            response.status_code = 202  # accepted and going on: GET shows how it ends
    except WorkflowUpdateFailedError as err:
        cause = err.cause
        if isinstance(cause, ApplicationError) and cause.type == "PspRejected":
            raise ApiError(502, "gateway_error", cause.message) from err
        raise ApiError(409, "not_cancellable", str(cause or err)) from err
    except RPCError as err:
        if err.status is RPCStatusCode.NOT_FOUND:
            raise ApiError(409, "not_cancellable", "the subscription's flow has ended") from err
        raise
    await session.refresh(sub)
    return subscription_out(sub)
