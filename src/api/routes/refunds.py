"""Refunds: open one on an order (the refund saga does the rest) and read it.

``POST /v1/orders/{id}/refunds`` opens the refund in one short transaction (guards and
the order's lock in :func:`sagas.services.refunds.open_refund`), commits, then starts
``refund-<id>``. It answers 202 with the pending refund; the same ``Idempotency-Key``
with the same body answers that refund again (200), with another body 409. If Temporal
is unreachable after the commit the answer is 503 and the same request starts it later
(the reconciliation sweep restarts pending refunds too).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Response
from sqlalchemy.exc import IntegrityError
from temporalio.service import RPCError

from api.deps import ServiceOnly, ServiceOrAdmin, SessionDep, SettingsDep, TemporalDep
from api.errors import ApiError, from_service
from api.openapi.errors import error_responses
from api.schemas.refunds import RefundCreate, RefundOut
from api.views.refunds import refund_out
from sagas.db.models.refunds import Refund
from sagas.services import refunds as svc
from sagas.starters.refund import start_refund

router = APIRouter(tags=["refunds"])
ObjectId = Annotated[str, Path(min_length=1, max_length=40)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=255)]


@router.post(
    "/v1/orders/{order_id}/refunds",
    status_code=202,
    summary="Open a refund and start its saga (service)",
    responses=error_responses(400, 409),
)
async def create_refund(
    _: ServiceOnly,
    order_id: ObjectId,
    body: RefundCreate,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> RefundOut:
    if not idempotency_key or not idempotency_key.strip():
        raise ApiError(400, "idempotency_key_required", "the Idempotency-Key header is required")
    try:
        opened = await svc.open_refund(
            session,
            order_id=order_id,
            idempotency_key=idempotency_key,
            amount_minor=body.amount,
            reason=body.reason,
            origin="api",
            refund_window_days=settings.refund_window_days,
        )
        if body.currency is not None and body.currency != opened.refund.currency:
            raise svc.AmountNotRefundable(
                f"the order is in {opened.refund.currency}, not {body.currency}",
                {"currency": opened.refund.currency},
            )
        await session.commit()
    except svc.RefundError as err:
        await session.rollback()
        raise from_service(err) from err
    except IntegrityError:
        await session.rollback()  # a concurrent request with this key won: answer its refund
        opened = await _replay(session, order_id, idempotency_key, body)
    refund = opened.refund
    if refund.status == "pending":
        try:
            await start_refund(client, refund, settings)
        except RPCError as err:
            raise ApiError(
                503,
                "service_unavailable",
                "the refund is recorded but its saga could not start; retry with the same key",
                {"refund_id": refund.id},
            ) from err
    if not opened.created:
        response.status_code = 200
    return refund_out(refund)


async def _replay(
    session: SessionDep, order_id: str, key: str, body: RefundCreate
) -> svc.OpenedRefund:
    existing = await svc.by_idempotency_key(session, key)
    if existing is None:
        raise ApiError(409, "conflict", "a concurrent request is using this key; retry")
    wanted = svc.fingerprint(
        order_id=order_id,
        amount_minor=body.amount,
        reason=body.reason,
        origin="api",
        payment_id=None,
    )
    if existing.request_fingerprint != wanted:
        raise ApiError(
            409, "idempotency_conflict", "this Idempotency-Key was used with another refund request"
        )
    return svc.OpenedRefund(existing, created=False)


@router.get("/v1/refunds/{refund_id}", summary="A refund's status (service, admin)")
async def get_refund(_: ServiceOrAdmin, refund_id: ObjectId, session: SessionDep) -> RefundOut:
    refund = await session.get(Refund, refund_id)
    if refund is None:
        raise ApiError(404, "not_found", f"refund {refund_id} does not exist")
    return refund_out(refund)
