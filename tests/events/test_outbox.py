"""The outbox's promises on the real database: no event without its state change, no
state change without its event, and a feed that never skips an event while concurrent
writers commit out of order."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.models.events import Event
from sagas.db.models.subscriptions import Subscription
from sagas.deps import Deps
from sagas.events import feed
from sagas.events.outbox import emit
from sagas.services.subscriptions.opening import open_subscription
from tests.conftest import SERVICE
from tests.subscriptions.helpers import create_plan, customer


class Boom(Exception):
    pass


async def _count(deps: Deps, model: Any, **where: Any) -> int:
    async with deps.sessions() as session:
        query = select(func.count()).select_from(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return int(await session.scalar(query) or 0)


async def test_a_rolled_back_change_leaves_no_event(api: httpx.AsyncClient, deps: Deps) -> None:
    plan = await create_plan(api, price=0, name="Free")
    ids: list[str] = []
    with pytest.raises(Boom):
        async with unit_of_work(deps.sessions) as session:
            opened = await open_subscription(
                session,
                deps.settings,
                idempotency_key=f"outbox-{customer()}",
                customer_id=customer(),
                plan_id=plan["id"],
                gateway=None,
                now=utcnow(),
            )
            ids.append(opened.subscription.id)
            # The event is there inside the transaction ...
            assert await session.scalar(
                select(func.count()).select_from(Event).where(Event.object_id == ids[0])
            )
            raise Boom  # ... and the change fails after it
    assert await _count(deps, Subscription, id=ids[0]) == 0
    assert await _count(deps, Event, object_id=ids[0]) == 0


async def test_a_committed_change_has_its_event(api: httpx.AsyncClient, deps: Deps) -> None:
    plan = await create_plan(api, price=0, name="Free")
    async with unit_of_work(deps.sessions) as session:
        opened = await open_subscription(
            session,
            deps.settings,
            idempotency_key=f"outbox-{customer()}",
            customer_id=customer(),
            plan_id=plan["id"],
            gateway=None,
            now=utcnow(),
        )
    sub_id = opened.subscription.id
    r = await api.get("/v1/events", params={"object_id": sub_id}, headers=SERVICE)
    (event,) = r.json()["data"]
    assert event["type"] == "subscription.active" and event["object_sequence"] == 1
    got = (await api.get(f"/v1/subscriptions/{sub_id}", headers=SERVICE)).json()
    assert event["data"]["object"] == got


async def test_concurrent_writers_never_make_a_reader_skip(deps: Deps) -> None:
    """Writers hold their transaction open for a random while after emitting; a reader
    paging with ``after`` meanwhile must end with every event, each once, in order."""
    async with deps.sessions() as session:
        start = int(await session.scalar(select(func.max(Event.sequence))) or 0)
    tag = f"obj_outbox_{random.randrange(10**9)}"
    writers = 12

    async def writer(n: int) -> None:
        async with unit_of_work(deps.sessions) as session:
            await emit(session, type="order.paid", object_id=f"{tag}_{n}", data_object={"n": n})
            await asyncio.sleep(random.uniform(0, 0.05))

    seen: list[int] = []

    async def reader() -> None:
        after = start
        for _ in range(400):  # bounded: 400 x 25 ms
            async with deps.sessions() as session:
                rows, _ = await feed.page(session, feed.FeedQuery(after=after, limit=500))
            for row in rows:
                if row.object_id.startswith(tag):
                    seen.append(row.sequence)
            after = rows[-1].sequence if rows else after
            if len(seen) >= writers:
                return
            await asyncio.sleep(0.025)

    await asyncio.gather(reader(), *(writer(n) for n in range(writers)))
    async with deps.sessions() as session:
        final = list(
            await session.scalars(
                select(Event.sequence)
                .where(Event.object_id.startswith(tag))
                .order_by(Event.sequence)
            )
        )
    assert len(final) == writers
    assert seen == final  # nothing skipped, nothing twice, in order
