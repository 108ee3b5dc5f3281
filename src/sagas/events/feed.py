"""The event feed: events after a sequence, in order, with filters and a long-poll.

Paging with ``after`` is safe because sequences become visible in commit order (see
:mod:`sagas.events.outbox`). The long-poll reads again every :data:`POLL_S` in a fresh
transaction until something matches or the wait is over; it holds no connection while
it sleeps.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.models.events import Event

POLL_S = 0.25


@dataclass(frozen=True)
class FeedQuery:
    after: int = 0
    types: tuple[str, ...] = ()
    object_id: str | None = None
    limit: int = 100


async def page(session: AsyncSession, q: FeedQuery) -> tuple[list[Event], bool]:
    query = select(Event).where(Event.sequence > q.after)
    if q.types:
        query = query.where(Event.type.in_(q.types))
    if q.object_id is not None:
        query = query.where(Event.object_id == q.object_id)
    rows = list(await session.scalars(query.order_by(Event.sequence).limit(q.limit + 1)))
    return rows[: q.limit], len(rows) > q.limit


async def wait_page(
    sessions: async_sessionmaker[AsyncSession], q: FeedQuery, *, wait_s: float
) -> tuple[list[Event], bool]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_s
    for _ in range(int(wait_s / POLL_S) + 2):  # bounded; the deadline ends it first
        async with sessions() as session:
            rows, more = await page(session, q)
        if rows or loop.time() >= deadline:
            return rows, more
        await asyncio.sleep(min(POLL_S, max(deadline - loop.time(), 0)))
    return [], False
