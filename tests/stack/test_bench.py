"""``sagas bench`` attached to the test stack: it runs checkouts end to end and prints its
table. Figures are printed, never asserted (the machine is shared)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

from temporalio.worker import Worker

from tests.conftest import ADMIN_KEY, SERVICE_KEY
from tests.support.net import UvicornThread


async def _bench(api_server: UvicornThread, sim: Any, *extra: str) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "SAGAS_API_KEYS": f"admin:{ADMIN_KEY},service:{SERVICE_KEY}",
        "SAGAS_ENV": "development",
    }
    # A subprocess, so this test's event loop keeps running the worker and the API.
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sagas.cli",
        "bench",
        "--api-url",
        api_server.url,
        "--sim-url",
        sim.base_url,
        "--api-pid",
        str(os.getpid()),
        *extra,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_bench_runs_checkouts_and_prints_the_table(
    worker: Worker, api_server: UvicornThread, sim: Any
) -> None:
    code, out, err = await _bench(api_server, sim, "--count", "3", "--concurrency", "2")
    assert code == 0, (out, err)
    assert "3/3 checkouts fulfilled" in out, out
    for row in ("create -> 201", "pay -> fulfilled", "throughput", "api memory"):
        assert row in out, out


async def test_bench_json_and_unreachable_api(
    worker: Worker, api_server: UvicornThread, sim: Any
) -> None:
    code, out, err = await _bench(
        api_server, sim, "--count", "2", "--gateway", "razorpay", "--json"
    )
    assert code == 0, (out, err)
    report = json.loads(out)
    assert report["completed"] == 2 and report["flow"] == "order"
    assert set(report["pay_to_fulfilled_ms"]) == {"p50", "p95", "p99", "max"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sagas.cli", "bench", "--api-url", "http://127.0.0.1:9",
        "--count", "1", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, bad = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 2 and b"not reachable" in bad, bad
