"""The event feed (``GET /v1/events``), one event, and manual redelivery."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import AdminOnly, AppDeps, ServiceOrAdmin, SessionDep
from api.errors import ApiError
from api.routes.delivery_views import pending_row
from api.schemas.events import EventFeed, EventOut, RedeliverIn, RedeliveryOut
from sagas.db.models.events import Event
from sagas.events import feed
from sagas.events.envelope import envelope
from sagas.events.redeliver import redeliver
from sagas.events.types import KNOWN

router = APIRouter(prefix="/v1/events", tags=["events"])
EventId = Annotated[str, Path(min_length=1, max_length=40)]


def event_out(event: Event) -> EventOut:
    return EventOut.model_validate(envelope(event))


@router.get(
    "",
    summary="Events after a sequence, in order; long-poll with wait_s",
    responses={422: {"description": "an unknown type, or limit / wait_s / after out of range"}},
)
async def list_events(
    _: ServiceOrAdmin,
    deps: AppDeps,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    type: Annotated[list[str] | None, Query(max_length=64)] = None,
    object_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    wait_s: Annotated[float, Query(ge=0, le=30)] = 0,
) -> EventFeed:
    """``type`` may repeat or be comma-separated. With ``wait_s`` the answer waits until
    at least one matching event exists (or the wait ends: an empty page)."""
    types = tuple(t for raw in type or [] for t in raw.split(",") if t)
    unknown = sorted(set(types) - KNOWN)
    if unknown:
        raise ApiError(422, "validation_error", f"unknown event types: {', '.join(unknown)}")
    q = feed.FeedQuery(after=after, types=types, object_id=object_id, limit=limit)
    rows, more = await feed.wait_page(deps.sessions, q, wait_s=wait_s)
    return EventFeed(
        data=[event_out(e) for e in rows],
        has_more=more,
        next_after=rows[-1].sequence if rows else after,
    )


@router.get(
    "/{event_id}",
    summary="One event (service, admin)",
    responses={404: {"description": "unknown event"}},
)
async def get_event(_: ServiceOrAdmin, event_id: EventId, session: SessionDep) -> EventOut:
    event = await session.get(Event, event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return event_out(event)


@router.post(
    "/{event_id}/redeliver",
    status_code=202,
    summary="Deliver an event again now, same webhook-id (admin)",
    responses={
        404: {"description": "unknown event or endpoint"},
        409: {"description": "the endpoint is disabled, or no endpoint ever had the event"},
    },
)
async def redeliver_event(
    _: AdminOnly, event_id: EventId, session: SessionDep, body: RedeliverIn | None = None
) -> RedeliveryOut:
    event = await session.get(Event, event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    rows = await redeliver(session, event, endpoint_id=body.endpoint_id if body else None)
    await session.commit()
    return RedeliveryOut(event_id=event.id, deliveries=[pending_row(r) for r in rows])
