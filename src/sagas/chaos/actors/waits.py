"""Polling the API until a checkout closes or a subscription has its PSP id."""

from __future__ import annotations

import asyncio

from ..http import Api

CLOSED = {"fulfilled", "expired", "cancelled", "failed"}


async def wait_checkout(api: Api, cid: str, want: set[str], *, timeout_s: float) -> str | None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while loop.time() < deadline:
        resp = await api.call("GET", f"/v1/checkouts/{cid}", headers=api.service, attempts=2)
        status = resp.json().get("status") if resp is not None and resp.status_code == 200 else None
        if status in want:
            return str(status)
        if status in CLOSED:
            return str(status)
        await asyncio.sleep(1.0)
    return None


async def _gateway_subscription(api: Api, sid: str, timeout_s: float = 60.0) -> str | None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while loop.time() < deadline:
        resp = await api.call("GET", f"/v1/subscriptions/{sid}", headers=api.service, attempts=2)
        if (
            resp is not None
            and resp.status_code == 200
            and resp.json().get("gateway_subscription_id")
        ):
            return str(resp.json()["gateway_subscription_id"])
        await asyncio.sleep(1.0)
    return None
