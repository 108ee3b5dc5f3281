"""The load: N checkouts end to end through the API and the simulator's payer controls.

Each checkout is created (``POST /v1/checkouts``, timed to its 201), paid as a payer
would (``/_sim/.../pay``), and seen done by the completion watcher (:mod:`sagas.bench.watch`:
the event feed, or one order list per 50 checkouts), never by polling it.
``concurrency`` checkouts are in flight at a time. Every wait has a deadline; a checkout
that misses it is counted as failed. A transport error is counted, never raised: the
create is retried with the same ``Idempotency-Key`` (the API answers the same checkout),
a failed payer call fails that checkout.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass

import httpx

from sagas.bench import cpu
from sagas.bench.errors import BenchError
from sagas.bench.memory import measure
from sagas.bench.progress import Progress
from sagas.bench.stats import Result
from sagas.bench.watch import Watched, Watcher, customer_for, watcher_for

FLOW = {"stripe": "payment_intent", "razorpay": "order"}
CURRENCY = {"stripe": "USD", "razorpay": "INR"}
CREATE_TRIES = 3

__all__ = ["CURRENCY", "FLOW", "BenchError", "Target", "run"]


@dataclass(frozen=True)
class Target:
    api_url: str
    sim_url: str
    service_key: str
    admin_key: str


async def check_ready(api: httpx.AsyncClient, target: Target) -> None:
    try:
        ready = await api.get("/readyz")
    except httpx.HTTPError as err:
        raise BenchError(f"the API at {target.api_url} is not reachable: {err}") from None
    if ready.status_code != 200:
        raise BenchError(f"the API at {target.api_url} is not ready: {ready.status_code}")


#: The simulator's "the payer pays" route for each gateway's checkout object.
SIM_PAY = {
    "stripe": "/_sim/stripe/payment_intents/{object_id}/pay",
    "razorpay": "/_sim/razorpay/orders/{object_id}/pay",
}


async def product(api: httpx.AsyncClient, target: Target, gateway: str) -> str:
    try:
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
    except httpx.HTTPError as err:
        raise BenchError(f"could not create the bench product: {err!r}") from None
    if resp.status_code != 201:
        raise BenchError(f"could not create the bench product: {resp.status_code} {resp.text}")
    return str(resp.json()["id"])


def checkout_body(product_id: str, gateway: str, customer_id: str) -> dict[str, object]:
    return {
        "customer_id": customer_id,
        "customer_email": "bench@example.com",
        "items": [{"product_id": product_id, "quantity": 1, "custom_data": {}}],
        "gateway": gateway,
        "flow": FLOW[gateway],
    }


async def create_checkout(
    api: httpx.AsyncClient, service_key: str, body: dict[str, object], result: Result
) -> httpx.Response | None:
    """POST /v1/checkouts, retried on a transport error with the same key; None if lost."""
    headers = {"Authorization": f"Bearer {service_key}", "Idempotency-Key": f"bench-{uuid.uuid4()}"}
    for _ in range(CREATE_TRIES):
        try:
            return await api.post("/v1/checkouts", json=body, headers=headers)
        except httpx.HTTPError:
            result.transport_errors += 1
    return None


async def _one(
    api: httpx.AsyncClient,
    sim: httpx.AsyncClient,
    target: Target,
    gateway: str,
    body: dict[str, object],
    watcher: Watcher,
    result: Result,
    timeout_s: float,
) -> bool:
    t0 = time.perf_counter()
    resp = await create_checkout(api, target.service_key, body, result)
    t1 = time.perf_counter()
    if resp is None or resp.status_code != 201:
        what = "transport errors" if resp is None else f"{resp.status_code} {resp.text[:200]}"
        result.failures.append(f"create: {what}")
        return False
    data = resp.json()
    watched = Watched(data["id"], data["order_id"], str(body["customer_id"]))
    object_id = data["gateway"]["object_id"]
    path = SIM_PAY[gateway].format(object_id=object_id)
    t2 = time.perf_counter()
    try:
        paid = await sim.post(path, json={"outcome": "succeed"})
    except httpx.HTTPError as err:
        result.transport_errors += 1
        result.failures.append(f"pay {watched.checkout_id}: {type(err).__name__}")
        return False
    if paid.status_code >= 300:
        result.failures.append(f"pay {watched.checkout_id}: {paid.status_code} {paid.text[:200]}")
        return False
    status = await watcher.wait(watched, timeout_s)
    t3 = time.perf_counter()
    if status == "fulfilled":
        result.create_ms.append((t1 - t0) * 1000)
        result.settle_ms.append((t3 - t2) * 1000)
        result.total_ms.append((t3 - t0) * 1000)
        return True
    if status is None:
        result.failures.append(f"checkout {watched.checkout_id} not fulfilled in {timeout_s:.0f} s")
    else:
        result.failures.append(f"checkout {watched.checkout_id} ended {status}")
    return False


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
    run_id = uuid.uuid4().hex[:8]

    def counted() -> None:
        result.transport_errors += 1

    async with (
        httpx.AsyncClient(base_url=target.api_url, timeout=30, limits=limits) as api,
        httpx.AsyncClient(base_url=target.sim_url, timeout=30, limits=limits) as sim,
    ):
        await check_ready(api, target)
        product_id = await product(api, target, gateway)
        watcher = await watcher_for(api, target.service_key, target.admin_key, counted)
        result.watcher = watcher.kind
        gate = asyncio.Semaphore(concurrency)
        bar = Progress("checkouts", count)

        async def guarded(index: int) -> None:
            body = checkout_body(product_id, gateway, customer_for(run_id, index))
            async with gate:
                ok = await _one(api, sim, target, gateway, body, watcher, result, timeout_s)
                bar.tick(ok=ok, errors=result.transport_errors)

        cpu_before = cpu.snapshot(pids or {})
        started = time.perf_counter()
        async with watcher:
            await asyncio.gather(*(guarded(i) for i in range(count)))
        result.wall_s = time.perf_counter() - started
        result.cpu_ms = cpu.per_flow_ms(cpu_before, cpu.snapshot(pids or {}), result.completed)
        bar.close()
    result.rss_mib = measure(pids or {})
    return result
