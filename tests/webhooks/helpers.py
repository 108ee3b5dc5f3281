"""Reading the audit log and the processed-event table back in tests."""

from __future__ import annotations

from sqlalchemy import select

from sagas.db.models.webhooks import WebhookDelivery, WebhookEvent
from sagas.deps import Deps


async def deliveries(deps: Deps, event_id: str) -> list[WebhookDelivery]:
    async with deps.sessions() as session:
        found = await session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.event_id == event_id)
            .order_by(WebhookDelivery.received_at)
        )
        return list(found)


async def delivery(deps: Deps, delivery_id: str) -> WebhookDelivery:
    async with deps.sessions() as session:
        row = await session.get(WebhookDelivery, delivery_id)
        assert row is not None
        return row


async def processed(deps: Deps, gateway: str, event_id: str) -> WebhookEvent | None:
    async with deps.sessions() as session:
        row: WebhookEvent | None = await session.scalar(
            select(WebhookEvent).where(
                WebhookEvent.gateway == gateway, WebhookEvent.event_id == event_id
            )
        )
        return row
