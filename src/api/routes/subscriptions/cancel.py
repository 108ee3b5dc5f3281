"""Cancelling a subscription now or at the period's end."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from api.deps import ServiceOnly, SessionDep, SettingsDep, TemporalDep
from api.errors import ApiError
from api.openapi.errors import error_responses
from api.routes.subscriptions.cancel_wait import cancel_in_time
from api.routes.subscriptions.params import SubscriptionId
from api.routes.subscriptions.read import load
from api.schemas.subscriptions import SubscriptionCancel, SubscriptionOut
from api.views.subscriptions import subscription_out
from sagas.db.models.subscriptions import Subscription
from sagas.workflows.subscription.messages.cancel import CancelRequest

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"])


async def _not_cancellable(session: AsyncSession, sub: Subscription) -> ApiError:
    """409 naming the status the row has now; never the workflow's own words."""
    await session.refresh(sub)
    if sub.status in ("cancelled", "expired"):
        return ApiError(409, "not_cancellable", f"the subscription is already {sub.status}")
    return ApiError(
        409,
        "cancellation_in_progress",
        f"a cancellation of this {sub.status} subscription is already in progress; "
        "GET it to see how it ends",
    )


@router.post(
    "/{subscription_id}/cancel",
    summary="Cancel now or at the period's end (service)",
    responses=error_responses(409, 502, 504),
)
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
    sub = await load(session, subscription_id)
    if sub.status in ("cancelled", "expired"):
        raise ApiError(409, "not_cancellable", f"the subscription is already {sub.status}")
    request = CancelRequest(at_period_end=body.at_period_end, reason=body.reason)
    try:
        if not await cancel_in_time(client, sub, request, settings):
            response.status_code = 202  # accepted and going on: GET shows how it ends
    except WorkflowUpdateFailedError as err:
        cause = err.cause
        if isinstance(cause, ApplicationError) and cause.type == "PspRejected":
            raise ApiError(
                502, "gateway_error", "the payment provider refused the cancellation"
            ) from err
        raise await _not_cancellable(session, sub) from err
    except RPCError as err:
        if err.status is RPCStatusCode.NOT_FOUND:
            raise await _not_cancellable(session, sub) from err
        raise
    await session.refresh(sub)
    return subscription_out(sub)
