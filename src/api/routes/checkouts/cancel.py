"""Cancelling an unpaid checkout (service)."""

from __future__ import annotations

from fastapi import APIRouter
from temporalio.client import WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError
from temporalio.service import RPCError

from api.deps import ServiceOnly, SessionDep, TemporalDep
from api.errors import ApiError
from api.openapi.errors import error_responses
from api.routes.checkouts.params import CheckoutId
from api.schemas.checkouts import CancelIn, CheckoutOut
from api.views.checkouts import checkout_out
from sagas.db.models.checkouts import Checkout
from sagas.starters import checkout as flow

router = APIRouter(prefix="/v1/checkouts", tags=["checkouts"])


@router.post(
    "/{checkout_id}/cancel",
    summary="Cancel an unpaid checkout (service)",
    responses=error_responses(409),
)
async def cancel_checkout(
    _: ServiceOnly,
    checkout_id: CheckoutId,
    session: SessionDep,
    client: TemporalDep,
    body: CancelIn | None = None,
) -> CheckoutOut:
    co = await session.get(Checkout, checkout_id)
    if co is None:
        raise ApiError(404, "not_found", f"no checkout {checkout_id!r}")
    if co.status not in ("created", "awaiting_payment", "processing"):
        raise ApiError(409, "not_cancellable", f"checkout is {co.status}")
    reason = body.reason if body else CancelIn().reason
    try:
        result = await flow.cancel_checkout(client, co.workflow_id, reason)
    except WorkflowUpdateRPCTimeoutOrCancelledError as err:
        raise ApiError(503, "service_unavailable", "the cancel is still running; retry") from err
    except (RPCError, WorkflowUpdateFailedError) as err:
        raise ApiError(409, "not_cancellable", "the checkout saga is not running") from err
    await session.refresh(co)
    if not result.accepted:
        raise ApiError(409, "not_cancellable", result.message, {"status": result.stage})
    return checkout_out(co)
