"""``sagas bench`` attached to the test stack: checkouts end to end, the no-op ceiling
beside them, webhook ingest against the bare endpoint. Figures are printed, never
asserted (the machine is shared); what is asserted is that every phase ran to the end
and reported what CONTRACT section 16 asks for."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

from temporalio.worker import Worker

from sagas.settings import Settings
from tests.conftest import ADMIN_KEY, SERVICE_KEY
from tests.support.net import UvicornThread


async def _bench(
    settings: Settings, api_server: UvicornThread, sim: Any, *extra: str
) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "SAGAS_API_KEYS": f"admin:{ADMIN_KEY},service:{SERVICE_KEY}",
        "SAGAS_ENV": "development",
        "TEMPORAL_ADDRESS": settings.temporal_address,
        "STRIPE_WEBHOOK_SECRET": sim.config.stripe_webhook_secret,
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
    out, err = await asyncio.wait_for(proc.communicate(), timeout=150)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_bench_runs_checkouts_and_prints_the_table(
    worker: Worker, settings: Settings, api_server: UvicornThread, sim: Any
) -> None:
    code, out, err = await _bench(settings, api_server, sim, "--count", "3", "--concurrency", "2")
    assert code == 0, (out, err)
    assert "3/3 checkouts fulfilled" in out, out
    for row in ("create -> 201", "pay -> fulfilled", "throughput", "api memory", "CPU per flow"):
        assert row in out, out
    assert "checkouts  [" in err and "3/3" in err, err  # the progress bar


async def test_bench_json_and_unreachable_api(
    worker: Worker, settings: Settings, api_server: UvicornThread, sim: Any
) -> None:
    code, out, err = await _bench(
        settings, api_server, sim, "--count", "2", "--gateway", "razorpay", "--json"
    )
    assert code == 0, (out, err)
    report = json.loads(out)
    assert report["completed"] == 2 and report["flow"] == "order"
    assert set(report["pay_to_fulfilled_ms"]) == {"p50", "p95", "p99", "max"}
    assert report["transport_errors"] == 0 and report["completion_seen_by"]
    assert "api" in report["cpu_ms_per_flow"]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sagas.cli", "bench", "--api-url", "http://127.0.0.1:9",
        "--count", "1", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, bad = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 2 and b"not reachable" in bad, bad


async def test_bench_ceiling_runs_the_noop_saga_and_prints_the_ratio(
    worker: Worker, settings: Settings, api_server: UvicornThread, sim: Any
) -> None:
    code, out, err = await _bench(
        settings, api_server, sim, "--ceiling", "--count", "4", "--concurrency", "2", "--json"
    )
    assert code == 0, (out, err)
    report = json.loads(out)
    ceiling = report["ceiling"]
    assert ceiling["completed"] == 4 and ceiling["flow"] == "noop_saga", ceiling
    assert report["completed"] == 4
    assert report["ratio"] is not None and report["ratio"] > 0, report
    expected = report["throughput_per_s"] / ceiling["throughput_per_s"]
    assert abs(report["ratio"] - expected) < 0.01, report
    assert "worker" in ceiling["cpu_ms_per_flow"]  # the ceiling's own worker process
    assert "ceiling" in err, err


async def test_bench_webhooks_against_the_bare_endpoint(
    worker: Worker, settings: Settings, api_server: UvicornThread, sim: Any
) -> None:
    code, out, err = await _bench(
        settings, api_server, sim,
        "--webhooks", "--count", "8", "--concurrency", "4", "--webhook-flows", "2",
    )  # fmt: skip
    assert code == 0, (out, err)
    assert "webhook ingest: 8 signed deliveries" in out, out
    assert "POST /webhooks/stripe" in out and "bare endpoint" in out, out
    assert "of the bare endpoint" in out, out
