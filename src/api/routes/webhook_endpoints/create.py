"""Registering an endpoint (admin); its secret is shown only in this answer."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep, SettingsDep
from api.routes.webhook_endpoints.lookup import guard_url
from api.routes.webhook_endpoints.views import with_secret
from api.schemas.events import WebhookEndpointCreate, WebhookEndpointWithSecret
from sagas.events import endpoints as svc

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhook endpoints"])


@router.post(
    "",
    status_code=201,
    summary="Register an endpoint; its secret is shown only here",
    responses={422: {"description": "unknown event types, or url_not_allowed"}},
)
async def create_endpoint(
    _: AdminOnly, body: WebhookEndpointCreate, session: SessionDep, settings: SettingsDep
) -> WebhookEndpointWithSecret:
    await guard_url(body.url, settings)
    row = await svc.create(
        session, url=body.url, event_types=body.event_types, description=body.description
    )
    await session.commit()
    return with_secret(row)
