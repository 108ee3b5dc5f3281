"""The processed-event record: unique ``(gateway, event_id)``, one hand-off per event.

:func:`claim` runs in the short transaction that records the delivery: one upsert that
creates the event's row or counts the attempt on it (``attempts + 1``), taking the row lock
on PostgreSQL and the write lock on SQLite, so concurrent copies of one event queue behind
each other for that one statement and each later copy sees what the first one committed.
The first copy takes the hand-off **lease** (``claimed_by``, ``claimed_until``) and
commits; it then signals Temporal with no transaction open. A copy that finds the event
settled, or the lease held, is a duplicate. That is what makes 50 simultaneous copies hand
the event over once.

:func:`settle` closes the hand-off in a second short transaction and drops the lease. A
hand-off that failed leaves the event ``pending`` (the PSP's retry, an admin replay or
the reconciliation sweep hands it over later); a process that died holding the lease
leaves it to expire (:data:`LEASE`), after which the next copy claims it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from sagas.db.models.webhooks import EventStatus, WebhookEvent

#: Longer than a hand-off can take (two Temporal RPCs of at most 6 s each).
LEASE = timedelta(seconds=30)


@dataclass(frozen=True)
class Claim:
    status: str
    workflow_id: str | None
    attempts: int
    owned: bool  # this delivery holds the lease: it must hand the event over and settle it

    @property
    def settled(self) -> bool:
        return self.status in EventStatus.SETTLED


def _key(gateway: str, event_id: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return WebhookEvent.gateway == gateway, WebhookEvent.event_id == event_id


async def claim(
    conn: AsyncConnection,
    *,
    gateway: str,
    event_id: str,
    event_type: str,
    delivery_id: str,
    now: datetime,
    force: bool = False,
) -> Claim:
    """Create or lock the event's row in the caller's transaction, count the attempt, and
    take the lease when the event is pending and nobody holds it (``force``, an admin
    replay: whatever its status or lease). One statement, an upsert: concurrent first
    copies do not collide (the later one waits for the row and updates it).
    """
    e = WebhookEvent
    free = and_(
        e.status == EventStatus.PENDING,
        or_(e.claimed_until.is_(None), e.claimed_until <= now),
    )
    until = now + LEASE

    def leased(column: Any, value: Any) -> Any:
        return value if force else case((free, value), else_=column)

    insert = _insert_for(conn)
    stmt = insert(e).values(
        gateway=gateway,
        event_id=event_id,
        event_type=event_type[:128],
        status=EventStatus.PENDING,
        attempts=1,
        first_delivery_id=delivery_id,
        claimed_by=delivery_id,
        claimed_until=until,
        created_at=now,
        updated_at=now,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[e.gateway, e.event_id],
        set_={
            "attempts": e.attempts + 1,
            "updated_at": now,
            "claimed_by": leased(e.claimed_by, delivery_id),
            "claimed_until": leased(e.claimed_until, until),
        },
    ).returning(e.status, e.workflow_id, e.attempts, e.claimed_by)
    status, workflow_id, attempts, claimed_by = (await conn.execute(stmt)).one()
    return Claim(status, workflow_id, attempts, owned=claimed_by == delivery_id)


def _insert_for(conn: AsyncConnection) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_update`` (both speak it)."""
    if conn.dialect.name == "postgresql":
        return pg_insert
    return sqlite_insert


async def settle(
    conn: AsyncConnection,
    *,
    gateway: str,
    event_id: str,
    status: str,
    workflow_id: str | None,
    detail: str | None,
) -> None:
    """Record what the hand-off did and drop the lease. A failed hand-off (``pending``)
    never undoes a settle another delivery (an admin replay) made meanwhile."""
    stmt = update(WebhookEvent).where(*_key(gateway, event_id))
    if status == EventStatus.PENDING:
        stmt = stmt.where(WebhookEvent.status == EventStatus.PENDING)
    await conn.execute(
        stmt.values(
            status=status,
            workflow_id=workflow_id,
            detail=detail[:2000] if detail else None,
            claimed_by=None,
            claimed_until=None,
        )
    )
