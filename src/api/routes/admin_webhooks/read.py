"""Reading one recorded webhook delivery with its raw payload (admin)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep
from api.errors import ApiError
from api.routes.admin_webhooks.params import DeliveryId
from api.routes.admin_webhooks.views import delivery_out
from api.schemas.webhooks import WebhookDeliveryOut
from sagas.db.models.webhooks import WebhookDelivery

router = APIRouter(prefix="/v1/admin/webhook-events", tags=["admin"])


@router.get("/{delivery_id}", summary="Read one webhook delivery with its raw payload (admin)")
async def get_delivery(
    _: AdminOnly, session: SessionDep, delivery_id: DeliveryId
) -> WebhookDeliveryOut:
    row = await session.get(WebhookDelivery, delivery_id)
    if row is None:
        raise ApiError(404, "not_found", f"no webhook delivery {delivery_id!r}")
    return delivery_out(row, payload=True)
