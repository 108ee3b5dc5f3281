"""Rotating an endpoint's secret (admin); the old one still signs for 24 h."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep
from api.routes.webhook_endpoints.lookup import get_endpoint
from api.routes.webhook_endpoints.params import NOT_FOUND, EndpointId
from api.routes.webhook_endpoints.views import with_secret
from api.schemas.events import WebhookEndpointWithSecret
from sagas.events import endpoints as svc

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhook endpoints"])


@router.post(
    "/{endpoint_id}/rotate-secret",
    summary="A new secret; the old one signs for 24 h",
    responses=NOT_FOUND,
)
async def rotate_secret(
    _: AdminOnly, endpoint_id: EndpointId, session: SessionDep
) -> WebhookEndpointWithSecret:
    row = await svc.rotate_secret(session, await get_endpoint(session, endpoint_id, lock=True))
    await session.commit()
    return with_secret(row)
