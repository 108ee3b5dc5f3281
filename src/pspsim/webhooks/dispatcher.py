"""Asynchronous webhook delivery, as Stripe and Razorpay do it, on a compressed clock.

One worker per gateway makes first attempts in the order events happened (unless the
reorder fault holds one back); a non-2xx answer or a network error schedules retries
with backoff from `SimConfig.webhook_retry_schedule_s`. Every attempt is logged
(`delivery_log`) and signed afresh (`headers`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx

from pspsim.webhooks.deliveries import Delivery
from pspsim.webhooks.delivery_log import log_entry
from pspsim.webhooks.headers import signed_headers

if TYPE_CHECKING:
    from pspsim.state import Sim

log = logging.getLogger("pspsim.webhooks")

GATEWAYS = ("stripe", "razorpay")
#: With the reorder fault, a held event goes out after the next one, or after this long.
REORDER_HOLD_S = 0.3


class WebhookDispatcher:
    """Queues, signs, sends and retries webhook deliveries; keeps the delivery log."""

    def __init__(self, sim: Sim) -> None:
        self._sim = sim
        self.log: list[dict[str, Any]] = []
        self._seq = itertools.count(1)
        self._queues: dict[str, asyncio.Queue[Delivery]] = {}
        self._workers: list[asyncio.Task[None]] = []
        self._client: httpx.AsyncClient | None = None

    async def start(self) -> None:
        self._client = httpx.AsyncClient(timeout=self._sim.config.webhook_timeout_s)
        for gateway in GATEWAYS:
            self._queues[gateway] = asyncio.Queue()
            self._workers.append(asyncio.get_running_loop().create_task(self._worker(gateway)))

    async def stop(self) -> None:
        for task in self._workers:
            task.cancel()
        for task in self._workers:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._workers.clear()
        if self._client is not None:
            await self._client.aclose()

    def reset(self) -> None:
        self.log.clear()
        for queue in self._queues.values():
            while not queue.empty():
                queue.get_nowait()

    def url(self, gateway: str) -> str | None:
        return self._sim.webhook_urls.get(gateway)

    def submit(
        self, gateway: str, event_id: str, type_: str, body: str, on_success: Callable[[], None]
    ) -> bool:
        """Queue an event for delivery; False when the gateway has no endpoint configured."""
        if not self.url(gateway) or gateway not in self._queues:
            return False
        delay = float(self._sim.faults.webhook_delay_s or 0.0)
        delivery = Delivery(gateway, event_id, type_, body, on_success, time.monotonic() + delay)
        self._queues[gateway].put_nowait(delivery)
        return True

    async def _worker(self, gateway: str) -> None:
        queue = self._queues[gateway]
        held: Delivery | None = None
        while True:
            try:
                if held is None:
                    delivery = await queue.get()
                else:
                    delivery = await asyncio.wait_for(queue.get(), timeout=REORDER_HOLD_S)
            except TimeoutError:
                if held is not None:
                    await self._first_attempt(held)
                held = None
                continue
            if held is None and self._sim.faults.chance(self._sim.faults.webhook_reorder_rate):
                held = delivery
                held.extra["reordered"] = True
                continue
            await self._first_attempt(delivery)
            if held is not None:
                await self._first_attempt(held)
                held = None

    async def _first_attempt(self, delivery: Delivery) -> None:
        wait = delivery.not_before - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        faults = self._sim.faults
        if faults.chance(faults.webhook_drop_rate):
            self._record(delivery, attempt=1, url=self.url(delivery.gateway), dropped=True)
            return
        await self._attempt(delivery, 1)
        if faults.chance(faults.webhook_duplicate_rate):
            await self._send(delivery, attempt=1, duplicate=True)

    async def _attempt(self, delivery: Delivery, attempt: int) -> None:
        ok = await self._send(delivery, attempt=attempt, duplicate=False)
        if ok:
            if not delivery.delivered and delivery.on_success is not None:
                delivery.on_success()
            delivery.delivered = True
            return
        schedule = self._sim.config.webhook_retry_schedule_s
        if attempt <= len(schedule):

            async def retry() -> None:
                await self._attempt(delivery, attempt + 1)

            self._sim.timers.after(schedule[attempt - 1], retry)

    async def _send(self, delivery: Delivery, *, attempt: int, duplicate: bool) -> bool:
        url = self.url(delivery.gateway)
        if not url or self._client is None:
            self._record(delivery, attempt=attempt, url=url, error="no endpoint configured")
            return False
        delivery.attempts += 1
        try:
            headers = signed_headers(delivery, self._sim.config)
            response = await self._client.post(url, content=delivery.body.encode(), headers=headers)
        except httpx.HTTPError as exc:
            self._record(delivery, attempt=attempt, url=url, error=repr(exc), duplicate=duplicate)
            return False
        ok = 200 <= response.status_code < 300
        self._record(
            delivery, attempt=attempt, url=url, status=response.status_code, duplicate=duplicate
        )
        return ok

    def _record(self, delivery: Delivery, **fields: Any) -> None:
        self.log.append(log_entry(next(self._seq), delivery, **fields))
