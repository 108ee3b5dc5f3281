"""One delivery attempt is bounded as a whole (CONTRACT 10: "a 2xx within 15 s is
success"): a receiver that trickles its answer cannot stretch an attempt past the
timeout, which httpx's per-read timeouts alone would allow."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx

from sagas.events.delivery.sender import send
from sagas.events.delivery.store import Attempt

ATTEMPT = Attempt(
    "whd_1", "evt_1", "http://receiver.test/hook", '{"id": "evt_1"}', ["whsec_" + "A" * 44]
)


class Trickle(httpx.AsyncByteStream):
    """A 2xx body sent a byte every 0.1 s: no single read ever waits long."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(15):
            await asyncio.sleep(0.1)
            yield b"."


def _client() -> httpx.AsyncClient:
    transport = httpx.MockTransport(lambda _req: httpx.Response(200, stream=Trickle()))
    return httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(0.3))


async def test_a_trickled_2xx_past_the_timeout_is_a_timeout_not_success() -> None:
    async with _client() as client:
        started = time.monotonic()
        outcome = await send(client, ATTEMPT, now=datetime.now(UTC))
        took = time.monotonic() - started
    assert not outcome.ok
    assert outcome.error == "timeout"
    assert took < 1.0  # the 1.5 s answer was cut at the 0.3 s bound


async def test_an_explicit_bound_wins_over_the_client_timeout() -> None:
    async with _client() as client:
        outcome = await send(client, ATTEMPT, now=datetime.now(UTC), total_s=5)
    assert outcome.ok and outcome.response_status == 200
