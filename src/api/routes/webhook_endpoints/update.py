"""Changing an endpoint's url, event types, description or status (admin)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep, SettingsDep
from api.routes.webhook_endpoints.lookup import get_endpoint, guard_url
from api.routes.webhook_endpoints.params import NOT_FOUND, EndpointId
from api.routes.webhook_endpoints.views import endpoint_out
from api.schemas.events import WebhookEndpointOut, WebhookEndpointUpdate
from sagas.events import endpoints as svc

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhook endpoints"])


@router.patch(
    "/{endpoint_id}",
    summary="Change url, event_types, description or status",
    responses={**NOT_FOUND, 422: {"description": "unknown event types, or url_not_allowed"}},
)
async def update_endpoint(
    _: AdminOnly,
    endpoint_id: EndpointId,
    body: WebhookEndpointUpdate,
    session: SessionDep,
    settings: SettingsDep,
) -> WebhookEndpointOut:
    """Disabling releases the fulfilment hand-offs waiting on this endpoint; enabling
    resumes the deliveries that waited while it was disabled."""
    if body.url is not None:
        await guard_url(body.url, settings)
    row = await get_endpoint(session, endpoint_id, lock=True)
    if body.event_types is not None:
        row.event_types = svc.check_types(body.event_types)
    if body.url is not None:
        row.url = body.url
    if "description" in body.model_fields_set:
        row.description = body.description
    if body.status is not None:
        await svc.set_status(session, row, body.status)
    await session.commit()
    await session.refresh(row)
    return endpoint_out(row)
