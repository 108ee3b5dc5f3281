"""Signed Stripe deliveries for running checkouts, sent with a fixed number of connections.

Every delivery is a fresh ``payment_intent.processing`` event (its own event id, so none
is a duplicate) for one of the running checkouts' PaymentIntents, signed as Stripe signs
(``t=…,v1=HMAC-SHA256(secret, "t.body")``) just before it is sent. The same deliveries go
to the product's ``POST /webhooks/stripe`` and to the bare endpoint, which wake the same
workflows the same way.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

import httpx

from sagas.bench.progress import Progress
from sagas.bench.webhooks.bare import WORKFLOW_HEADER
from sagas.bench.webhooks.stats import IngestResult


@dataclass(frozen=True)
class RunningCheckout:
    checkout_id: str
    workflow_id: str
    payment_intent: str
    amount_minor: int
    currency: str


def event_body(flow: RunningCheckout, event_id: str) -> str:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": "payment_intent.processing",
            "created": int(time.time()),
            "livemode": False,
            "data": {
                "object": {
                    "id": flow.payment_intent,
                    "object": "payment_intent",
                    "amount": flow.amount_minor,
                    "currency": flow.currency.lower(),
                    "status": "processing",
                    "metadata": {"checkout_id": flow.checkout_id},
                }
            },
        },
        separators=(",", ":"),
    )


def stripe_signature(body: str, secret: str) -> str:
    t = int(time.time())
    mac = hmac.new(secret.encode(), f"{t}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


async def send_all(
    client: httpx.AsyncClient,
    path: str,
    flows: list[RunningCheckout],
    *,
    label: str,
    count: int,
    connections: int,
    secret: str,
    prefix: str,
) -> IngestResult:
    """``count`` deliveries, ``connections`` at a time, round-robin over ``flows``."""
    result = IngestResult(label=label, sent=count, connections=connections, flows=len(flows))
    bar = Progress(label[:10], count)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)

    async def sender() -> None:
        while not queue.empty():
            i = queue.get_nowait()
            flow = flows[i % len(flows)]
            body = event_body(flow, f"evt_{prefix}_{i}")
            headers = {
                "Content-Type": "application/json",
                "Stripe-Signature": stripe_signature(body, secret),
                WORKFLOW_HEADER: flow.workflow_id,
            }
            t0 = time.perf_counter()
            try:
                resp = await client.post(path, content=body, headers=headers)
            except httpx.HTTPError:
                result.transport_errors += 1
                bar.tick(ok=False, errors=result.transport_errors)
                continue
            result.latency_ms.append((time.perf_counter() - t0) * 1000)
            result.statuses[resp.status_code] += 1
            bar.tick(ok=resp.status_code < 300)

    started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(connections)))
    result.wall_s = time.perf_counter() - started
    bar.close()
    return result
