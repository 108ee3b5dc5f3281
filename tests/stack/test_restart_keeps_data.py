"""Stop ``sagas dev`` and start it again on the same data folder: nothing is lost.

Both stores are checked: the app database (a product in the catalogue) and Temporal's
SQLite file (a workflow started before the restart is still there after it).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import httpx
import pytest

from sagas.devstack.temporal_server.cli import find_cli
from tests.stack.devstack import DevStack

pytestmark = pytest.mark.slow

ADMIN = {"Authorization": "Bearer dev-admin-key"}
PROBE_ID = "restart-probe"


def temporal(stack: DevStack, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_cli(), *args, "--address", stack.temporal_address],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_restart_keeps_products_and_workflows(dev_stack: Callable[..., DevStack]) -> None:
    first = dev_stack()
    first.start()
    first.wait_ready()
    created = httpx.post(
        f"{first.api_url}/v1/products",
        headers=ADMIN,
        json={"name": "Restart mug", "price": 1200, "currency": "usd", "category": "mugs"},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    product_id = created.json()["id"]
    # A workflow nobody polls for: it stays open, so it must still be there afterwards.
    started = temporal(
        first, "workflow", "start", "--type", "Probe", "--task-queue", "restart-probe",
        "--workflow-id", PROBE_ID,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    assert first.stop() == 0

    second = dev_stack()  # same data folder, fresh ports
    second.start()
    second.wait_ready()
    listed = httpx.get(f"{second.api_url}/v1/products", params={"category": "mugs"}, timeout=10)
    assert listed.status_code == 200, listed.text
    assert product_id in [p["id"] for p in listed.json()["data"]]
    described = temporal(second, "workflow", "describe", "--workflow-id", PROBE_ID)
    assert described.returncode == 0, described.stderr
    assert second.stop() == 0
