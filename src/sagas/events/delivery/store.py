"""The delivery rows: claim the due ones, load what an attempt needs, record how it went.

A claim sets a lease (``lease_until``) in its own short transaction, with ``SKIP LOCKED``
on PostgreSQL, so two dispatchers (a stale one after a worker restart, say) never send
the same delivery at once; a dispatcher that dies leaves a lease that simply runs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.models.events import DeliveryAttempt, Event, EventDelivery, WebhookEndpoint
from sagas.events.delivery.backoff import Backoff
from sagas.events.envelope import body
from sagas.events.fulfilment import release_if_acknowledged
from sagas.events.types import HANDOFF_TYPE


@dataclass(frozen=True)
class Claimed:
    delivery_id: str
    event_id: str
    endpoint_id: str


@dataclass(frozen=True)
class Attempt:
    """What one attempt sends: the body, the URL and the secrets that sign it."""

    delivery_id: str
    event_id: str
    url: str
    body: str
    secrets: list[str]


@dataclass(frozen=True)
class Outcome:
    ok: bool
    response_status: int | None
    error: str | None
    duration_ms: int


async def claim_due(
    sessions: async_sessionmaker[AsyncSession], *, limit: int, lease_s: float, skip: set[str]
) -> list[Claimed]:
    now = utcnow()
    async with unit_of_work(sessions) as session:
        query = (
            select(EventDelivery)
            .where(
                EventDelivery.status == "pending",
                EventDelivery.next_attempt_at.is_not(None),
                EventDelivery.next_attempt_at <= now,
                or_(EventDelivery.lease_until.is_(None), EventDelivery.lease_until < now),
            )
            .order_by(EventDelivery.next_attempt_at, EventDelivery.id)
            .limit(limit + len(skip))
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = [d for d in await session.scalars(query) if d.id not in skip][:limit]
        for row in rows:
            row.lease_until = now + timedelta(seconds=lease_s)
        return [Claimed(r.id, r.event_id, r.endpoint_id) for r in rows]


async def load_attempt(
    sessions: async_sessionmaker[AsyncSession], claimed: Claimed
) -> Attempt | None:
    """The attempt to make, or None when the endpoint is no longer enabled (the delivery
    is parked: no ``next_attempt_at``; enabling the endpoint again resumes it)."""
    now = utcnow()
    async with unit_of_work(sessions) as session:
        event = await session.get(Event, claimed.event_id)
        endpoint = await session.get(WebhookEndpoint, claimed.endpoint_id)
        if event is None or endpoint is None or endpoint.status != "enabled":
            row = await session.get(EventDelivery, claimed.delivery_id)
            if row is not None and row.status == "pending":
                row.next_attempt_at, row.lease_until = None, None
            return None
        secrets = [endpoint.secret]
        if endpoint.previous_secret and (
            endpoint.previous_expires_at is not None and endpoint.previous_expires_at > now
        ):
            secrets.append(endpoint.previous_secret)
        return Attempt(claimed.delivery_id, event.id, endpoint.url, body(event), secrets)


async def record(
    sessions: async_sessionmaker[AsyncSession],
    delivery_id: str,
    outcome: Outcome,
    backoff: Backoff,
    *,
    attempted_at: datetime,
) -> str:
    """Write the attempt and the delivery's new state; an acknowledged ``order.paid``
    may release its order's fulfilment in the same transaction. Answers the status."""
    now = utcnow()
    async with unit_of_work(sessions) as session:
        row = await session.get(EventDelivery, delivery_id, with_for_update=True)
        if row is None:
            return "missing"
        row.attempts += 1
        row.lease_until = None
        row.last_response_status, row.last_error = outcome.response_status, outcome.error
        if outcome.ok:
            row.status, row.succeeded_at, row.next_attempt_at = "succeeded", now, None
        else:
            earlier = await session.scalar(
                select(func.count())
                .select_from(DeliveryAttempt)
                .where(
                    DeliveryAttempt.delivery_id == row.id,
                    DeliveryAttempt.status == "failed",
                    DeliveryAttempt.attempted_at >= row.window_started_at,
                )
            )
            row.next_attempt_at = backoff.next_attempt(
                failed_attempts=int(earlier or 0) + 1,
                now=now,
                window_started_at=row.window_started_at,
            )
            if row.next_attempt_at is None:
                row.status = "failed"
        session.add(
            DeliveryAttempt(
                delivery_id=row.id,
                event_id=row.event_id,
                endpoint_id=row.endpoint_id,
                attempt=row.attempts,
                status="succeeded" if outcome.ok else "failed",
                response_status=outcome.response_status,
                error=outcome.error,
                duration_ms=outcome.duration_ms,
                attempted_at=attempted_at,
                next_attempt_at=row.next_attempt_at,
            )
        )
        if outcome.ok:
            event = await session.get(Event, row.event_id)
            if event is not None and event.type == HANDOFF_TYPE:
                await release_if_acknowledged(session, event.object_id)
        return row.status


async def failed_count(session: AsyncSession) -> int:
    found = await session.scalar(
        select(func.count()).select_from(EventDelivery).where(EventDelivery.status == "failed")
    )
    return int(found or 0)
