"""The load: N checkouts end to end through the API and the simulator's payer controls.

Each checkout is created (``POST /v1/checkouts``, timed to its 201), paid as a payer
would (``/_sim/.../pay``), and polled (``GET /v1/checkouts/{id}``) until the saga has
fulfilled it. ``concurrency`` checkouts are in flight at a time. Every wait has a
deadline; a checkout that misses it is counted as failed, never waited on forever.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass

import httpx

from sagas.bench.memory import measure
from sagas.bench.stats import Result

FLOW = {"stripe": "payment_intent", "razorpay": "order"}
CURRENCY = {"stripe": "USD", "razorpay": "INR"}
POLL_S = 0.05


@dataclass(frozen=True)
class Target:
    api_url: str
    sim_url: str
    service_key: str
    admin_key: str


class BenchError(RuntimeError):
    """The stack cannot be benchmarked (unreachable, wrong keys): said once, plainly."""


async def _product(api: httpx.AsyncClient, target: Target, gateway: str) -> str:
    resp = await api.post(
        "/v1/products",
        json={
            "name": f"Bench item {uuid.uuid4().hex[:6]}",
            "price": 1999,
            "currency": CURRENCY[gateway],
            "category": "bench",
        },
        headers={"Authorization": f"Bearer {target.admin_key}"},
    )
    if resp.status_code != 201:
        raise BenchError(f"could not create the bench product: {resp.status_code} {resp.text}")
    return str(resp.json()["id"])


async def _one(
    api: httpx.AsyncClient,
    sim: httpx.AsyncClient,
    target: Target,
    gateway: str,
    product: str,
    result: Result,
    timeout_s: float,
) -> None:
    service = {"Authorization": f"Bearer {target.service_key}"}
    body = {
        "customer_id": "cust_bench",
        "customer_email": "bench@example.com",
        "items": [{"product_id": product, "quantity": 1, "custom_data": {}}],
        "gateway": gateway,
        "flow": FLOW[gateway],
    }
    t0 = time.perf_counter()
    resp = await api.post(
        "/v1/checkouts", json=body, headers={**service, "Idempotency-Key": f"bench-{uuid.uuid4()}"}
    )
    t1 = time.perf_counter()
    if resp.status_code != 201:
        result.failures.append(f"create: {resp.status_code} {resp.text[:200]}")
        return
    data = resp.json()
    object_id = data["gateway"]["object_id"]
    path = (
        f"/_sim/stripe/payment_intents/{object_id}/pay"
        if gateway == "stripe"
        else f"/_sim/razorpay/orders/{object_id}/pay"
    )
    t2 = time.perf_counter()
    paid = await sim.post(path, json={"outcome": "succeed"})
    if paid.status_code >= 300:
        result.failures.append(f"pay {data['id']}: {paid.status_code} {paid.text[:200]}")
        return
    deadline = t2 + timeout_s
    while time.perf_counter() < deadline:
        got = await api.get(f"/v1/checkouts/{data['id']}", headers=service)
        status = got.json().get("status") if got.status_code == 200 else None
        if status == "fulfilled":
            t3 = time.perf_counter()
            result.create_ms.append((t1 - t0) * 1000)
            result.settle_ms.append((t3 - t2) * 1000)
            result.total_ms.append((t3 - t0) * 1000)
            return
        if status in ("failed", "expired", "cancelled"):
            result.failures.append(f"checkout {data['id']} ended {status}")
            return
        await asyncio.sleep(POLL_S)
    result.failures.append(f"checkout {data['id']} not fulfilled within {timeout_s:.0f} s")


async def run(
    target: Target,
    *,
    count: int,
    concurrency: int,
    gateway: str = "stripe",
    timeout_s: float = 60.0,
    pids: dict[str, int] | None = None,
) -> Result:
    result = Result(count=count, concurrency=concurrency, gateway=gateway, flow=FLOW[gateway])
    limits = httpx.Limits(max_connections=concurrency * 2 + 4)
    async with (
        httpx.AsyncClient(base_url=target.api_url, timeout=30, limits=limits) as api,
        httpx.AsyncClient(base_url=target.sim_url, timeout=30, limits=limits) as sim,
    ):
        try:
            ready = await api.get("/readyz")
        except httpx.HTTPError as err:
            raise BenchError(f"the API at {target.api_url} is not reachable: {err}") from None
        if ready.status_code != 200:
            raise BenchError(f"the API at {target.api_url} is not ready: {ready.status_code}")
        product = await _product(api, target, gateway)
        gate = asyncio.Semaphore(concurrency)

        async def guarded() -> None:
            async with gate:
                await _one(api, sim, target, gateway, product, result, timeout_s)

        started = time.perf_counter()
        await asyncio.gather(*(guarded() for _ in range(count)))
        result.wall_s = time.perf_counter() - started
    result.rss_mib = measure(pids or {})
    return result
