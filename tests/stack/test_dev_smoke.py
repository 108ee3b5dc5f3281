"""``sagas dev`` brings the whole stack up, answers, and leaves nothing behind on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable

import httpx
import pytest

from sagas.devstack.temporal_server.cli import find_cli
from sagas.temporal.search_attributes import SEARCH_ATTRIBUTES
from tests.stack.devstack import DevStack, alive, descendants

pytestmark = pytest.mark.slow

INDEXED_TYPE = {
    "Keyword": "INDEXED_VALUE_TYPE_KEYWORD",
    "Int": "INDEXED_VALUE_TYPE_INT",
    "Bool": "INDEXED_VALUE_TYPE_BOOL",
    "Text": "INDEXED_VALUE_TYPE_TEXT",
    "Datetime": "INDEXED_VALUE_TYPE_DATETIME",
}


def registered_search_attributes(address: str) -> dict[str, str]:
    done = subprocess.run(
        [find_cli(), "operator", "search-attribute", "list", "--address", address, "-o", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    custom: dict[str, str] = json.loads(done.stdout)["customAttributes"]
    return custom


def test_dev_starts_everything_and_sigterm_leaves_nothing(
    dev_stack: Callable[..., DevStack],
) -> None:
    stack = dev_stack()
    stack.start()
    stack.wait_ready()
    assert stack.proc is not None
    tree = descendants(stack.proc.pid)
    # temporal, worker, api (and the simulator when it is installed).
    assert len(tree) >= (4 if stack.sim else 3), stack.log()[-3000:]

    log = stack.log()
    for shown in (stack.api_url, f"{stack.api_url}/docs", f"http://127.0.0.1:{stack.ui_port}"):
        assert shown in log
    assert httpx.get(f"http://127.0.0.1:{stack.ui_port}/", timeout=10).status_code == 200
    assert httpx.get(f"{stack.api_url}/docs", timeout=10).status_code == 200
    if stack.sim:
        sim = f"http://127.0.0.1:{stack.sim_port}/_sim"
        assert httpx.get(f"{sim}/health", timeout=10).is_success
        hooks = httpx.get(f"{sim}/webhook_endpoints", timeout=10).json()
        assert hooks == {
            "stripe": f"{stack.api_url}/webhooks/stripe",
            "razorpay": f"{stack.api_url}/webhooks/razorpay",
        }

    # Both metrics endpoints answer: the API's, and the worker's (its liveness probe),
    # which carries Temporal's SDK metrics once the worker polls.
    api_metrics = httpx.get(f"{stack.api_url}/metrics", timeout=10)
    assert api_metrics.status_code == 200 and "sagas_http_requests_total" in api_metrics.text
    worker_url = f"http://127.0.0.1:{stack.worker_metrics_port}/metrics"
    worker_metrics = ""
    for _ in range(100):  # bounded: the SDK exports its first metrics within seconds
        try:
            worker_metrics = httpx.get(worker_url, timeout=5).text
        except httpx.TransportError:
            worker_metrics = ""
        if "temporal_" in worker_metrics:
            break
        time.sleep(0.2)
    assert "sagas_worker_temporal_metrics_up 1" in worker_metrics, worker_metrics[:2000]
    assert "temporal_" in worker_metrics

    registered = registered_search_attributes(stack.temporal_address)
    for name, kind in SEARCH_ATTRIBUTES.items():
        assert registered.get(name) == INDEXED_TYPE[kind], (name, registered)

    started = time.monotonic()
    assert stack.stop(signal.SIGTERM) == 0, stack.log()[-3000:]
    deadline = started + 30
    while any(alive(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = sorted(pid for pid in tree if alive(pid))
    assert not left, f"processes left behind: {left}"
    log = stack.log()
    assert log.splitlines()[-1] == "sagas dev: stopped"
    assert "stopped with exit code" not in log, log[-3000:]
    assert "Traceback" not in log and "Fatal Python error" not in log, log[-3000:]


def test_a_dead_child_stops_the_stack_naming_it(dev_stack: Callable[..., DevStack]) -> None:
    stack = dev_stack()
    stack.start()
    stack.wait_ready()
    assert stack.proc is not None
    tree = descendants(stack.proc.pid)
    worker = next(pid for pid in tree if b"worker" in _cmdline(pid))
    os.kill(worker, signal.SIGKILL)
    code = stack.proc.wait(timeout=60)
    assert code != 0
    assert "worker exited" in stack.log()
    time.sleep(0.5)
    assert not [pid for pid in tree if alive(pid)]


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""
