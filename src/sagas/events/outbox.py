"""The outbox: :func:`emit` appends an event inside the caller's transaction.

Call it after the state change it reports, in the same session and before the commit; if
the transaction rolls back the event is gone with the change, and a change never commits
without its event. Keep it the last write of the transaction: the sequence counter's row
lock is held from here to the commit, which is what makes ``sequence`` grow in commit
order (a concurrent writer waits for it instead of committing a smaller number later).

The deliveries to every enabled endpoint subscribed to the type are created here too, so
"the endpoints as they stood when the event was written" is a fact in the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.events import Event, EventCounter, EventDelivery, WebhookEndpoint
from sagas.events.types import KNOWN, subscribed

SEQUENCE_COUNTER = "events"


class UnknownEventType(ValueError):
    """A programming error: the type is not one of section 10's."""


async def next_sequence(session: AsyncSession) -> int:
    """Take the next global sequence; the counter row stays locked until the commit."""
    value = await session.scalar(
        update(EventCounter)
        .where(EventCounter.name == SEQUENCE_COUNTER)
        .values(value=EventCounter.value + 1)
        .returning(EventCounter.value)
        .execution_options(synchronize_session=False)
    )
    if value is None:  # a database created without the migration's seed row
        session.add(EventCounter(name=SEQUENCE_COUNTER, value=1))
        await session.flush()
        return 1
    return int(value)


async def emit(
    session: AsyncSession, *, type: str, object_id: str, data_object: Mapping[str, Any]
) -> None:
    """Append one event (and its pending deliveries) to the caller's transaction."""
    if type not in KNOWN:
        raise UnknownEventType(type)
    await session.flush()  # the change it reports first, so its locks come before ours
    sequence = await next_sequence(session)
    last = await session.scalar(
        select(func.max(Event.object_sequence)).where(Event.object_id == object_id)
    )
    now = utcnow()
    event = Event(
        id=new_id("evt"),
        sequence=sequence,
        type=type,
        object_id=object_id,
        object_sequence=(last or 0) + 1,
        data={"object": dict(data_object)},
        created_at=now,
    )
    session.add(event)
    await session.flush()  # the event row before the deliveries that reference it
    endpoints = await session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.status == "enabled")
    )
    for endpoint in endpoints:
        if subscribed(list(endpoint.event_types), type):
            session.add(
                EventDelivery(
                    id=new_id("whd"),
                    event_id=event.id,
                    endpoint_id=endpoint.id,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                    window_started_at=now,
                )
            )
    await session.flush()
