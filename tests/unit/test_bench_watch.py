"""The bench's completion watchers, against fake APIs served through httpx's in-memory
transport: the event feed (CONTRACT section 10) and the per-customer order list."""

from __future__ import annotations

import asyncio
import json

import httpx

from sagas.bench.watch import (
    FeedWatcher,
    OrderListWatcher,
    Watched,
    customer_for,
    watcher_for,
)


def _feed(events: list[dict[str, object]]) -> httpx.MockTransport:
    """``GET /v1/events?after=`` over ``events``; answers at once (no long wait)."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/events":
            return httpx.Response(404)
        after = int(request.url.params.get("after", 0))
        page = [e for e in events if int(str(e["sequence"])) > after][:2]
        nxt = int(str(page[-1]["sequence"])) if page else after
        more = any(int(str(e["sequence"])) > nxt for e in events)
        return httpx.Response(200, json={"data": page, "has_more": more, "next_after": nxt})

    return httpx.MockTransport(handler)


async def test_feed_watcher_ends_checkouts_from_events() -> None:
    events: list[dict[str, object]] = [
        {"sequence": 1, "type": "order.paid", "object_id": "ord_1"},
        {"sequence": 2, "type": "order.fulfilled", "object_id": "ord_1"},
        {"sequence": 3, "type": "checkout.expired", "object_id": "co_2"},
    ]
    errors: list[int] = []
    async with httpx.AsyncClient(transport=_feed(events), base_url="http://api") as api:
        watcher = await watcher_for(api, "svc", "adm", lambda: errors.append(1))
        assert isinstance(watcher, FeedWatcher)
        async with watcher:
            done = await watcher.wait(Watched("co_1", "ord_1", "c"), timeout_s=2)
            ended = await watcher.wait(Watched("co_2", "ord_2", "c"), timeout_s=2)
            late = await watcher.wait(Watched("co_3", "ord_3", "c"), timeout_s=0.2)
    assert (done, ended, late) == ("fulfilled", "expired", None)
    assert errors == []


async def test_order_list_watcher_when_the_api_has_no_feed() -> None:
    calls: list[str] = []
    fulfilled: set[str] = set()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/events":
            return httpx.Response(404)
        if request.url.path == "/v1/orders" and not calls:
            calls.append("boom")
            raise httpx.ReadError("connection reset")  # counted, never raised
        calls.append(request.url.params["customer_id"])
        data = [{"id": oid, "status": "fulfilled"} for oid in sorted(fulfilled)]
        return httpx.Response(200, content=json.dumps({"data": data, "has_more": False}))

    errors: list[int] = []
    transport = httpx.MockTransport(handler)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as api:
        watcher = await watcher_for(api, "svc", "adm", lambda: errors.append(1))
        assert isinstance(watcher, OrderListWatcher)
        customer = customer_for("run", 0)
        async with watcher:
            waiting = asyncio.create_task(watcher.wait(Watched("co", "ord_9", customer), 5))
            await asyncio.sleep(0.5)
            fulfilled.add("ord_9")
            assert await waiting == "fulfilled"
    assert set(calls) - {"boom"} == {customer}  # only the customer with a waiting checkout
    assert errors == [1]
    assert customer_for("run", 24) == customer != customer_for("run", 25)
