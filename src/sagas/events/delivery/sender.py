"""One HTTP attempt: POST the signed event; a 2xx within the timeout is success.

The timeout bounds the whole attempt (connect, send, the answer and its body), not only
each read: httpx's own timeouts are per operation, so a receiver that trickles its
answer a byte at a time would otherwise hold an attempt (and outlive its lease) for as
long as it likes, and a late 2xx would count as success. Redirects are not followed (a
receiver that moved must be re-registered, and a redirect could point anywhere). The
error kept is short and never the receiver's body."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

import httpx

from sagas.events.delivery import signing
from sagas.events.delivery.store import Attempt, Outcome


async def send(
    client: httpx.AsyncClient, attempt: Attempt, *, now: datetime, total_s: float | None = None
) -> Outcome:
    """``total_s``: the whole attempt's bound (default: the client's read timeout)."""
    stamp = now.replace(microsecond=0)
    headers = signing.headers(
        secrets_in_use=attempt.secrets, msg_id=attempt.event_id, timestamp=stamp, body=attempt.body
    )
    started = time.monotonic()
    bound = total_s if total_s is not None else client.timeout.read
    try:
        async with asyncio.timeout(bound):
            response = await client.post(
                attempt.url, content=attempt.body.encode(), headers=headers
            )
    except (httpx.TimeoutException, TimeoutError):
        return Outcome(False, None, "timeout", _ms(started))
    except httpx.HTTPError as err:
        return Outcome(False, None, f"{type(err).__name__}: {str(err)[:300]}", _ms(started))
    ok = 200 <= response.status_code < 300
    error = None if ok else f"HTTP {response.status_code}"
    return Outcome(ok, response.status_code, error, _ms(started))


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
