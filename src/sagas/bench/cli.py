"""What ``sagas bench`` does once its options are parsed: pick or start the stack, run the
load, print the report. Kept out of ``sagas/cli.py`` so that file stays a thin menu."""

from __future__ import annotations

import asyncio
import sys
from contextlib import AbstractContextManager, nullcontext

from sagas.bench.embedded import Embedded, embedded_stack
from sagas.bench.runner import FLOW, BenchError, Target, run
from sagas.bench.stats import to_json, to_table
from sagas.settings import Settings


def _keys(settings: Settings) -> tuple[str, str]:
    keys = dict((role.value, key) for role, key in reversed(settings.api_keys()))
    if "service" not in keys or "admin" not in keys:
        raise BenchError("SAGAS_API_KEYS needs a service key and an admin key")
    return keys["service"], keys["admin"]


def run_bench(
    settings: Settings,
    *,
    count: int,
    concurrency: int,
    gateway: str,
    api_url: str | None,
    sim_url: str | None,
    pids: dict[str, int | None],
    timeout_s: float,
    as_json: bool,
    verbose: bool,
) -> int:
    """Exit code: 0 when every checkout was fulfilled, 1 when some were not, 2 when the
    benchmark could not run at all."""
    if gateway not in FLOW:
        print(f"sagas bench: unknown gateway {gateway!r} (stripe or razorpay)", file=sys.stderr)
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
                f"sagas bench: {count} checkouts, concurrency {concurrency}, API {where.api_url}",
                file=sys.stderr,
                flush=True,
            )
            target = Target(where.api_url, where.sim_url, service_key, admin_key)
            result = asyncio.run(
                run(
                    target,
                    count=count,
                    concurrency=concurrency,
                    gateway=gateway,
                    timeout_s=timeout_s,
                    pids=where.pids,
                )
            )
    except BenchError as err:
        print(f"sagas bench: {err}", file=sys.stderr)
        return 2
    print(to_json(result) if as_json else to_table(result), flush=True)
    return 0 if not result.failures else 1
