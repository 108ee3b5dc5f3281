"""Re-delivering a recorded, verified event through the same path (admin, idempotent)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import AdminOnly, AppDeps, SessionDep
from api.errors import ApiError
from api.routes.admin_webhooks.params import DeliveryId
from api.routes.admin_webhooks.views import delivery_out
from api.routes.webhooks import pipeline
from api.schemas.webhooks import ReplayOut
from sagas.db.models.webhooks import WebhookDelivery
from sagas.webhooks.errors import NotReplayable, UnknownDelivery

router = APIRouter(prefix="/v1/admin/webhook-events", tags=["admin"])


@router.post(
    "/{delivery_id}/replay",
    summary="Re-deliver a recorded, verified event through the same path (admin, idempotent)",
    responses={
        404: {"description": "unknown delivery"},
        409: {"description": "not a verified event"},
    },
)
async def replay_delivery(
    _: AdminOnly, request: Request, deps: AppDeps, session: SessionDep, delivery_id: DeliveryId
) -> ReplayOut:
    source_ip = request.client.host if request.client else None
    try:
        answer = await pipeline(request, deps).replay(delivery_id, source_ip)
    except UnknownDelivery as err:
        raise ApiError(404, "not_found", err.reason) from err
    except NotReplayable as err:
        raise ApiError(409, "conflict", err.reason) from err
    new_id = (answer.body.get("error", {}).get("details") or answer.body).get("delivery_id")
    if answer.status >= 300:
        raise ApiError(
            answer.status,
            "replay_failed",
            str(answer.body["error"]["message"]),
            {"delivery_id": new_id},
        )
    row = await session.get(WebhookDelivery, str(new_id))
    if row is None:  # pragma: no cover - written by the pipeline just above
        raise ApiError(503, "service_unavailable", "replay record not readable yet")
    return ReplayOut(replayed=delivery_id, delivery=delivery_out(row, payload=False))
