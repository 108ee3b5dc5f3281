"""Reads the checker needs from outside the database: Temporal's view of the workflows,
the webhook audit log (admin API), the simulator's delivery log, the event feed, and
the feature gate. Each read is bounded in pages and tolerant of a missing route."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import datetime
from typing import Any

import httpx
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.service import RPCError

from .http import Api

MAX_PAGES = 2000


#: A flow's row reaches its terminal state in the workflow's last activity, a moment
#: before the workflow itself completes: one still running is given this long to close.
CLOSE_GRACE_S = 20.0


async def workflow_statuses(client: Client, ids: set[str], *, parallel: int = 16) -> dict[str, str]:
    """Workflow id -> its execution status name, or ``missing``."""
    gate = asyncio.Semaphore(parallel)

    async def one(wf: str) -> tuple[str, str]:
        handle = client.get_workflow_handle(wf)
        give_up = time.monotonic() + CLOSE_GRACE_S
        while True:
            async with gate:
                try:
                    desc = await handle.describe()
                except RPCError:
                    return wf, "missing"
            status = desc.status or WorkflowExecutionStatus.RUNNING
            if status is not WorkflowExecutionStatus.RUNNING or time.monotonic() >= give_up:
                return wf, status.name
            await asyncio.sleep(1.0)

    return dict(await asyncio.gather(*(one(w) for w in sorted(ids))))


async def audit(
    api: httpx.AsyncClient, admin: dict[str, str], since: datetime
) -> Counter[tuple[str, str]]:
    """Deliveries in the audit log since ``since`` (first receipts, not replays)."""
    counts: Counter[tuple[str, str]] = Counter()
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        params: dict[str, Any] = {"received_from": since.isoformat(), "limit": 200}
        if cursor:
            params["cursor"] = cursor
        page = (await api.get("/v1/admin/webhook-events", params=params, headers=admin)).json()
        for d in page["data"]:
            if d["replay_of"] is None and d["event_id"]:
                counts[(d["gateway"], d["event_id"])] += 1
        cursor = page.get("next_cursor")
        if not page.get("has_more"):
            break
    return counts


async def sim_webhook_log(sim: httpx.AsyncClient, after_id: int) -> list[dict[str, Any]]:
    entries = (await sim.get("/_sim/webhooks")).json()["data"]
    return [e for e in entries if e["id"] > after_id]


async def last_webhook_id(sim: httpx.AsyncClient) -> int:
    return max((e["id"] for e in (await sim.get("/_sim/webhooks")).json()["data"]), default=0)


async def event_feed(api: Api, after: int = 0) -> list[dict[str, Any]] | None:
    """Every event of the merchant feed (CONTRACT 10), or None when the API has no feed."""
    events: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        resp = await api.call(
            "GET", "/v1/events", params={"after": after, "limit": 500}, headers=api.admin
        )
        if resp is None or resp.status_code in (404, 405):
            return events or None
        if resp.status_code != 200:
            return None
        page = resp.json()
        events += page.get("data", [])
        if not page.get("has_more") or page.get("next_after") is None:
            break
        after = int(page["next_after"])
    return events


async def feed_head(api: Api) -> int:
    """The feed's last sequence now (0 when empty or absent): the campaign reads after it."""
    feed = await event_feed(api)
    return max((int(e.get("sequence", 0)) for e in feed or []), default=0)


async def entitlements(api: Api, customers: set[str]) -> dict[str, set[str]]:
    """Customer -> the subscription ids the feature gate grants now."""
    gate = asyncio.Semaphore(8)

    async def one(customer: str) -> tuple[str, set[str]]:
        async with gate:
            resp = await api.call(
                "GET", f"/v1/customers/{customer}/entitlements", headers=api.service
            )
        if resp is None or resp.status_code != 200:
            return customer, set()
        return customer, {e["subscription_id"] for e in resp.json()["entitlements"]}

    return dict(await asyncio.gather(*(one(c) for c in sorted(customers))))
