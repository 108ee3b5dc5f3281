"""Manual redelivery: send an event again now, with the same ``webhook-id``.

To one endpoint (``endpoint_id``; a delivery row is made if the endpoint never had one)
or to every endpoint that had it. The delivery goes back to ``pending``, due now, with a
fresh retry window; earlier attempts stay in the record.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.events import Event, EventDelivery
from sagas.events import endpoints
from sagas.services.errors import ServiceError


class NothingToRedeliver(ServiceError):
    code = "no_deliveries"
    status = 409


async def redeliver(
    session: AsyncSession, event: Event, *, endpoint_id: str | None
) -> list[EventDelivery]:
    now = utcnow()
    query = select(EventDelivery).where(EventDelivery.event_id == event.id)
    if endpoint_id is not None:
        endpoint = await endpoints.get(session, endpoint_id)
        if endpoint.status != "enabled":
            raise NothingToRedeliver(f"endpoint {endpoint_id} is {endpoint.status}")
        query = query.where(EventDelivery.endpoint_id == endpoint_id)
    rows = list(await session.scalars(query.with_for_update()))
    if endpoint_id is not None and not rows:
        row = EventDelivery(
            id=new_id("whd"),
            event_id=event.id,
            endpoint_id=endpoint_id,
            status="pending",
            attempts=0,
            window_started_at=now,
        )
        session.add(row)
        rows = [row]
    if not rows:
        raise NothingToRedeliver(f"event {event.id} was not delivered to any endpoint")
    for row in rows:
        row.status, row.next_attempt_at, row.lease_until = "pending", now, None
        row.window_started_at = now
    await session.flush()
    return rows
