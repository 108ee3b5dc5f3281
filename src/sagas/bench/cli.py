"""What ``sagas bench`` does once its options are parsed: pick or start the stack, run the
phases asked for, print the report. Kept out of ``sagas/cli.py`` so that file stays a thin
menu.

Phases, all in one invocation on the same stack: the checkouts (unless only
``--webhooks`` is asked), the no-op ceiling (``--ceiling``) and webhook ingest
(``--webhooks``). The ceiling runs first, on its own task queue of the same server.
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from sagas.bench.ceiling.process import ceiling_worker
from sagas.bench.ceiling.runner import run_ceiling
from sagas.bench.embedded import Embedded, embedded_stack
from sagas.bench.errors import BenchError
from sagas.bench.report import Report, to_json, to_table
from sagas.bench.runner import FLOW, Target, run
from sagas.bench.webhooks.runner import run_webhooks
from sagas.settings import Settings
from sagas.temporal.client import connect


@dataclass(frozen=True)
class Plan:
    count: int
    concurrency: int
    gateway: str
    timeout_s: float
    ceiling: bool
    webhooks: bool
    webhook_flows: int


def _keys(settings: Settings) -> tuple[str, str]:
    keys = dict((role.value, key) for role, key in reversed(settings.api_keys()))
    if "service" not in keys or "admin" not in keys:
        raise BenchError("SAGAS_API_KEYS needs a service key and an admin key")
    return keys["service"], keys["admin"]


async def _phases(settings: Settings, where: Embedded, target: Target, plan: Plan) -> Report:
    report = Report()
    env = dict(where.env)
    if "TEMPORAL_ADDRESS" in env:
        settings = settings.model_copy(update={"temporal_address": env["TEMPORAL_ADDRESS"]})
    if plan.ceiling:
        try:
            client = await connect(settings)
        except RuntimeError as err:
            raise BenchError(f"Temporal at {settings.temporal_address}: {err}") from None
        queue = f"sagas-bench-ceiling-{uuid.uuid4().hex[:8]}"
        async with ceiling_worker(queue, env) as pid:
            pids = {"temporal": where.pids["temporal"]} if "temporal" in where.pids else {}
            report.ceiling = await run_ceiling(
                client,
                queue,
                count=plan.count,
                concurrency=plan.concurrency,
                timeout_s=plan.timeout_s,
                pids=pids | {"worker": pid},
            )
    if plan.ceiling or not plan.webhooks:
        report.product = await run(
            target,
            count=plan.count,
            concurrency=plan.concurrency,
            gateway=plan.gateway,
            timeout_s=plan.timeout_s,
            pids=where.pids,
        )
    if plan.webhooks:
        report.product_webhooks, report.bare_webhooks = await run_webhooks(
            target,
            count=plan.count,
            connections=plan.concurrency,
            flows=plan.webhook_flows,
            secret=settings.stripe_webhook_secret.get_secret_value(),
            env=env,
        )
    return report


def run_bench(
    settings: Settings,
    plan: Plan,
    *,
    api_url: str | None,
    sim_url: str | None,
    pids: dict[str, int | None],
    as_json: bool,
    verbose: bool,
) -> int:
    """Exit code: 0 when every flow and delivery went through, 1 when some did not, 2
    when the benchmark could not run at all."""
    if plan.gateway not in FLOW:
        print(
            f"sagas bench: unknown gateway {plan.gateway!r} (stripe or razorpay)", file=sys.stderr
        )
        return 2
    try:
        service_key, admin_key = _keys(settings)
        stack: AbstractContextManager[Embedded]
        if api_url is None:
            print("sagas bench: starting an embedded stack ...", file=sys.stderr, flush=True)
            stack = embedded_stack(settings, verbose=verbose)
        else:
            sim = sim_url or f"http://127.0.0.1:{settings.psp_sim_port}"
            known = {k: v for k, v in pids.items() if v is not None}
            stack = nullcontext(Embedded(api_url.rstrip("/"), sim.rstrip("/"), known))
        with stack as where:
            print(
                f"sagas bench: {plan.count} flows, concurrency {plan.concurrency}, "
                f"API {where.api_url}",
                file=sys.stderr,
                flush=True,
            )
            target = Target(where.api_url, where.sim_url, service_key, admin_key)
            report = asyncio.run(_phases(settings, where, target, plan))
    except BenchError as err:
        print(f"sagas bench: {err}", file=sys.stderr)
        return 2
    print(to_json(report) if as_json else to_table(report), flush=True)
    return 1 if report.failed() else 0
