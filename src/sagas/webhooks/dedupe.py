"""The processed-event record: unique ``(gateway, event_id)``, one hand-off per event.

:func:`claim` runs as the first statement of the hand-off transaction and *writes* first
(``attempts + 1``), so it takes the row lock on PostgreSQL and the write lock on SQLite
before reading: concurrent copies of one event queue behind each other, and each later
copy sees the status the first one committed. That is what makes 50 simultaneous copies
hand the event over once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.models.webhooks import EventStatus, WebhookEvent


@dataclass(frozen=True)
class Claim:
    status: str
    workflow_id: str | None
    attempts: int

    @property
    def settled(self) -> bool:
        return self.status in EventStatus.SETTLED


def _key(gateway: str, event_id: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return WebhookEvent.gateway == gateway, WebhookEvent.event_id == event_id


async def peek(
    sessions: async_sessionmaker[AsyncSession], gateway: str, event_id: str
) -> Claim | None:
    """A lock-free look, to answer an obvious duplicate without touching Temporal."""
    async with sessions() as session:
        row = (
            await session.execute(select(WebhookEvent).where(*_key(gateway, event_id)))
        ).scalar_one_or_none()
        return Claim(row.status, row.workflow_id, row.attempts) if row else None


async def claim(
    session: AsyncSession, *, gateway: str, event_id: str, event_type: str, delivery_id: str
) -> Claim:
    """Lock (or create) the event's row in the caller's transaction and count the attempt.

    A concurrent first insert on PostgreSQL raises ``IntegrityError``; the caller retries
    the transaction, and the retry's update then finds the row.
    """
    bumped = await session.execute(
        update(WebhookEvent)
        .where(*_key(gateway, event_id))
        .values(attempts=WebhookEvent.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(bumped, "rowcount", 0) == 0:
        session.add(
            WebhookEvent(
                gateway=gateway,
                event_id=event_id,
                event_type=event_type[:128],
                status=EventStatus.PENDING,
                attempts=1,
                first_delivery_id=delivery_id,
            )
        )
        await session.flush()
    row = (await session.execute(select(WebhookEvent).where(*_key(gateway, event_id)))).scalar_one()
    return Claim(row.status, row.workflow_id, row.attempts)


async def settle(
    session: AsyncSession,
    *,
    gateway: str,
    event_id: str,
    status: str,
    workflow_id: str | None,
    detail: str | None,
) -> None:
    await session.execute(
        update(WebhookEvent)
        .where(*_key(gateway, event_id))
        .values(status=status, workflow_id=workflow_id, detail=detail[:2000] if detail else None)
        .execution_options(synchronize_session=False)
    )
