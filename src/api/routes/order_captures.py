"""Manual capture (CONTRACT 11.2): capture all or part of an order's authorization, or
void it. Both answer 202 once the checkout saga accepted the request; the saga carries
it out (the order becomes ``paid`` or ``voided``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path
from sqlalchemy.exc import IntegrityError
from temporalio.client import WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from api.deps import ServiceOnly, SessionDep, TemporalDep
from api.errors import ApiError
from api.schemas.orders import CaptureIn, HoldActionOut
from sagas.services import captures as svc
from sagas.workflows.checkout import HoldRequest, HoldResult

router = APIRouter(prefix="/v1/orders", tags=["orders"])
OrderId = Annotated[str, Path(min_length=1, max_length=40)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=255)]


async def _ask(client: TemporalDep, held: svc.Held, req: HoldRequest) -> HoldResult:
    handle = client.get_workflow_handle(held.workflow_id)
    try:
        result: HoldResult = await handle.execute_update("hold_action", req, result_type=HoldResult)
    except WorkflowUpdateFailedError as err:
        cause = err.cause
        message = cause.message if isinstance(cause, ApplicationError) else "request refused"
        raise ApiError(409, "conflict", message) from err
    except WorkflowUpdateRPCTimeoutOrCancelledError as err:
        raise ApiError(503, "service_unavailable", "the saga did not answer; retry") from err
    except RPCError as err:
        if err.status is RPCStatusCode.NOT_FOUND:
            raise ApiError(409, "conflict", "the order's checkout saga is not running") from err
        raise  # Temporal unreachable: the 503 of api.errors, never a false 409
    return result


@router.post("/{order_id}/capture", status_code=202, summary="Capture an authorization (service)")
async def capture_order(
    _: ServiceOnly,
    order_id: OrderId,
    session: SessionDep,
    client: TemporalDep,
    body: CaptureIn | None = None,
    idempotency_key: IdempotencyKey = None,
) -> HoldActionOut:
    if not idempotency_key or not idempotency_key.strip():
        raise ApiError(400, "idempotency_key_required", "the Idempotency-Key header is required")
    amount = body.amount if body else None
    fp = svc.fingerprint(order_id=order_id, amount_minor=amount)
    done = await svc.replayed(session, idempotency_key, fp)
    if done is None:
        held = await svc.held_authorization(session, order_id)
        svc.check_amount(held, amount)
        req = HoldRequest(action="capture", amount_minor=amount, request_key=idempotency_key)
        await _ask(client, held, req)
        svc.remember(session, idempotency_key, fp, order_id, amount or held.authorized_minor)
        try:
            await session.commit()
            return _captured(order_id, amount or held.authorized_minor)
        except IntegrityError as err:
            await session.rollback()  # a concurrent request with this key won: answer as it did
            done = await svc.replayed(session, idempotency_key, fp)
            if done is None:
                msg = "a concurrent request is using this key; retry"
                raise ApiError(409, "conflict", msg) from err
    return _captured(order_id, done.amount_minor)


def _captured(order_id: str, amount: int) -> HoldActionOut:
    """The 202 of an accepted capture (the order was ``authorized`` when it was accepted)."""
    return HoldActionOut(order_id=order_id, action="capture", status="authorized", amount=amount)


@router.post("/{order_id}/void", status_code=202, summary="Void an authorization (service)")
async def void_order(
    _: ServiceOnly,
    order_id: OrderId,
    session: SessionDep,
    client: TemporalDep,
    idempotency_key: IdempotencyKey = None,
) -> HoldActionOut:
    held = await svc.held_authorization(session, order_id)
    req = HoldRequest(action="void", request_key=idempotency_key or None)
    await _ask(client, held, req)
    return HoldActionOut(order_id=order_id, action="void", status="authorized")
