"""Listing endpoints and reading one (admin)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep
from api.routes.webhook_endpoints.lookup import get_endpoint
from api.routes.webhook_endpoints.params import NOT_FOUND, EndpointId
from api.routes.webhook_endpoints.views import endpoint_out
from api.schemas.events import WebhookEndpointOut
from sagas.events import endpoints as svc

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhook endpoints"])


@router.get("", summary="List endpoints (admin)")
async def list_endpoints(_: AdminOnly, session: SessionDep) -> list[WebhookEndpointOut]:
    return [endpoint_out(r) for r in await svc.list_all(session)]


@router.get("/{endpoint_id}", summary="Read an endpoint (admin)", responses=NOT_FOUND)
async def read_endpoint(
    _: AdminOnly, endpoint_id: EndpointId, session: SessionDep
) -> WebhookEndpointOut:
    return endpoint_out(await get_endpoint(session, endpoint_id))
