"""The webhook ingest phase: open running checkouts, start the bare endpoint, send the
same signed deliveries to it and to ``POST /webhooks/stripe``, then cancel the checkouts.

The bare endpoint goes first; a pause between the two lets the worker drain the wake-ups
the first burst caused, so the second does not pay for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import uuid
from collections.abc import AsyncIterator

import httpx

from sagas.bench.children import stop
from sagas.bench.errors import BenchError
from sagas.bench.runner import Target, checkout_body, create_checkout, product
from sagas.bench.stats import Result
from sagas.bench.webhooks.load import RunningCheckout, send_all
from sagas.bench.webhooks.stats import IngestResult
from sagas.devstack.ports.free import free_ports

READY_S = 60.0
DRAIN_S = 2.0
CANCEL_CONCURRENCY = 8


@contextlib.asynccontextmanager
async def bare_endpoint(env: dict[str, str]) -> AsyncIterator[tuple[str, int]]:
    """Serve the bare endpoint in its own process; yield (its URL, its pid)."""
    [port] = free_ports(1)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sagas.bench.webhooks.bare", str(port),
        env={**os.environ, **env},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=url, timeout=2) as probe:
            for _ in range(int(READY_S * 5)):
                if proc.returncode is not None:
                    break
                with contextlib.suppress(httpx.HTTPError):
                    if (await probe.get("/readyz")).status_code == 200:
                        break
                await asyncio.sleep(0.2)
            else:
                raise BenchError("the bare webhook endpoint did not start")
        if proc.returncode is not None:
            raise BenchError("the bare webhook endpoint exited (is Temporal reachable?)")
        yield url, proc.pid
    finally:
        await stop(proc)


async def _open_flows(api: httpx.AsyncClient, target: Target, flows: int) -> list[RunningCheckout]:
    product_id = await product(api, target, "stripe")
    scratch = Result(count=flows, concurrency=flows, gateway="stripe", flow="payment_intent")
    gate = asyncio.Semaphore(8)

    async def one(i: int) -> RunningCheckout | None:
        body = checkout_body(product_id, "stripe", f"bench-webhooks-{uuid.uuid4().hex[:8]}")
        async with gate:
            resp = await create_checkout(api, target.service_key, body, scratch)
        if resp is None or resp.status_code != 201:
            return None
        d = resp.json()
        return RunningCheckout(
            d["id"], d["workflow_id"], d["gateway"]["object_id"],
            d["amounts"]["total"], d["amounts"]["currency"],
        )  # fmt: skip

    opened = [f for f in await asyncio.gather(*(one(i) for i in range(flows))) if f]
    if not opened:
        raise BenchError("could not open any running checkout for the webhook bench")
    return opened


async def _cancel(api: httpx.AsyncClient, target: Target, flows: list[RunningCheckout]) -> None:
    """Best effort: the checkouts would otherwise wait for their deadline."""
    gate = asyncio.Semaphore(CANCEL_CONCURRENCY)
    headers = {"Authorization": f"Bearer {target.service_key}"}

    async def one(flow: RunningCheckout) -> None:
        async with gate:
            with contextlib.suppress(httpx.HTTPError):
                await api.post(f"/v1/checkouts/{flow.checkout_id}/cancel", json={}, headers=headers)

    await asyncio.gather(*(one(f) for f in flows))


async def run_webhooks(
    target: Target,
    *,
    count: int,
    connections: int,
    flows: int,
    secret: str,
    env: dict[str, str],
) -> tuple[IngestResult, IngestResult]:
    """(the product's figures, the bare endpoint's figures)."""
    limits = httpx.Limits(max_connections=connections + 4)
    prefix = f"bench_{uuid.uuid4().hex[:8]}"
    async with httpx.AsyncClient(base_url=target.api_url, timeout=30, limits=limits) as api:
        running = await _open_flows(api, target, flows)
        try:
            async with (
                bare_endpoint(env) as (bare_url, _pid),
                httpx.AsyncClient(base_url=bare_url, timeout=30, limits=limits) as bare,
            ):
                bare_result = await send_all(
                    bare, "/hook", running, label="bare", count=count,
                    connections=connections, secret=secret, prefix=f"{prefix}_b",
                )  # fmt: skip
            await asyncio.sleep(DRAIN_S)
            ours = await send_all(
                api, "/webhooks/stripe", running, label="webhooks", count=count,
                connections=connections, secret=secret, prefix=f"{prefix}_p",
            )  # fmt: skip
        finally:
            await _cancel(api, target, running)
    return ours, bare_result
