"""How the bench learns that a checkout is done, without polling every checkout.

One interface, :class:`Watcher` (``wait`` for one checkout, run as an async context), two
ways to feed it:

- :class:`FeedWatcher` long-polls the merchant event feed (``GET /v1/events``, CONTRACT
  section 10): ``order.fulfilled`` ends a checkout well, ``checkout.failed`` / ``expired``
  / ``cancelled`` end it badly. One request in flight, however many checkouts wait.
- :class:`OrderListWatcher`, for an API without the feed: the bench gives every 25
  checkouts their own ``customer_id``; every 200 ms it lists the orders of each customer
  that still has a checkout waiting (``GET /v1/orders?customer_id=``, one page of at most
  25). A few small requests per tick instead of one per checkout 20 times a second; the
  price is up to 200 ms of resolution on the checkout's latencies (profiled: listing
  orders loads their items and payments, so a faster or larger poll takes a visible share
  of the API's CPU from the stack it measures).

:func:`watcher_for` picks the feed when the API answers it. A transport error or a bad
answer while watching is counted (``on_error``) and the next tick tries again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

GROUP = 25  # checkouts per bench customer (<= the orders page size)
LIST_POLL_S = 0.2
FEED_WAIT_S = 10
FEED_PAGE = 500
FEED_IDLE_S = 0.02
ERROR_PAUSE_S = 0.5
ORDER_DONE = {"fulfilled"}
ORDER_ENDED = {"failed", "cancelled", "expired", "voided"}
CHECKOUT_ENDED = {
    "checkout.failed": "failed",
    "checkout.expired": "expired",
    "checkout.cancelled": "cancelled",
}
FEED_TYPES = ",".join(["order.fulfilled", *CHECKOUT_ENDED])


def customer_for(run_id: str, index: int) -> str:
    return f"bench-{run_id}-{index // GROUP}"


@dataclass(frozen=True)
class Watched:
    checkout_id: str
    order_id: str
    customer_id: str


class Watcher:
    """Waiters by order id (and checkout id); the subclass's loop resolves them."""

    kind = "base"

    def __init__(
        self, api: httpx.AsyncClient, headers: dict[str, str], on_error: Callable[[], None]
    ):
        self._api = api
        self._headers = headers
        self._on_error = on_error
        self._waiting: dict[str, asyncio.Future[str]] = {}
        self._pending: dict[str, Watched] = {}  # order id -> what waits on it
        self._ended: dict[str, str] = {}  # ids seen finished before anyone waited
        self._task: asyncio.Task[None] | None = None

    async def wait(self, watched: Watched, timeout_s: float) -> str | None:
        """``fulfilled``, another final status, or None when ``timeout_s`` passed first."""
        for key in (watched.order_id, watched.checkout_id):
            if key in self._ended:
                return self._ended.pop(key)
        fut: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._waiting[watched.order_id] = self._waiting[watched.checkout_id] = fut
        self._pending[watched.order_id] = watched
        try:
            return await asyncio.wait_for(fut, timeout_s)
        except TimeoutError:
            return None
        finally:
            self._waiting.pop(watched.order_id, None)
            self._waiting.pop(watched.checkout_id, None)
            self._pending.pop(watched.order_id, None)

    def _resolve(self, key: str, status: str) -> None:
        fut = self._waiting.get(key)
        if fut is None:
            self._ended[key] = status
        elif not fut.done():
            fut.set_result(status)

    async def _loop(self) -> None:
        raise NotImplementedError

    async def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any] | None:
        try:
            resp = await self._api.get(path, params=params, headers=self._headers)
        except httpx.HTTPError:
            resp = None
        if resp is None or resp.status_code != 200:
            self._on_error()
            await asyncio.sleep(ERROR_PAUSE_S)
            return None
        body: dict[str, Any] = resp.json()
        return body

    async def __aenter__(self) -> Watcher:
        self._task = asyncio.create_task(self._loop())
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class FeedWatcher(Watcher):
    kind = "event feed (GET /v1/events, long-poll)"

    async def _loop(self) -> None:
        after = 0
        while True:
            page = await self._get(
                "/v1/events",
                {"after": after, "type": FEED_TYPES, "limit": FEED_PAGE, "wait_s": FEED_WAIT_S},
            )
            if page is None:
                continue
            for event in page.get("data", []):
                kind, oid = event.get("type"), str(event.get("object_id"))
                if kind == "order.fulfilled":
                    self._resolve(oid, "fulfilled")
                elif kind in CHECKOUT_ENDED:
                    self._resolve(oid, CHECKOUT_ENDED[kind])
            after = int(page.get("next_after") or after)
            if not page.get("has_more"):
                # Normally the long-poll already waited; this keeps a server that answers
                # an empty page at once from turning the loop into a busy one.
                await asyncio.sleep(FEED_IDLE_S)


class OrderListWatcher(Watcher):
    kind = f"order list per bench customer (GET /v1/orders, every {LIST_POLL_S * 1000:.0f} ms)"

    async def _loop(self) -> None:
        while True:
            groups = {w.customer_id for w in self._pending.values()}
            for customer in sorted(groups):
                page = await self._get("/v1/orders", {"customer_id": customer, "limit": GROUP})
                for order in (page or {}).get("data", []):
                    status = order.get("status")
                    final = status in ORDER_DONE or status in ORDER_ENDED
                    if final and order.get("id") in self._waiting:
                        self._resolve(str(order["id"]), str(status))
            await asyncio.sleep(LIST_POLL_S)


async def watcher_for(
    api: httpx.AsyncClient, service_key: str, admin_key: str, on_error: Callable[[], None]
) -> Watcher:
    """The feed when the API serves it, else the order list."""
    service = {"Authorization": f"Bearer {service_key}"}
    try:
        probe = await api.get("/v1/events", params={"limit": 1}, headers=service)
        has_feed = probe.status_code == 200
    except httpx.HTTPError:
        on_error()
        has_feed = False
    if has_feed:
        return FeedWatcher(api, service, on_error)
    return OrderListWatcher(api, {"Authorization": f"Bearer {admin_key}"}, on_error)
