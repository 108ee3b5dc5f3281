"""Finding an endpoint (404 when unknown), and the guard on the URLs it may have."""

from __future__ import annotations

from api.deps import SessionDep
from sagas.db.models.events import WebhookEndpoint
from sagas.events import endpoints as svc
from sagas.events.urlguard import check_url
from sagas.settings import Settings


async def guard_url(url: str, settings: Settings) -> None:
    await check_url(url, production=settings.sagas_env == "production")


async def get_endpoint(
    session: SessionDep, endpoint_id: str, *, lock: bool = False
) -> WebhookEndpoint:
    return await svc.get(session, endpoint_id, lock=lock)
