"""The PSP billing by itself, on the whole stack with a simulator of this package's own.

These tests move the simulator's clock (`POST /_sim/clock/advance`), which would leave
the session's shared simulator months ahead of every later test: so this package has
its own simulator, settings, adapters, worker (on its own task queue) and API, and each
test starts from a reset simulator (objects and clock). The database and the Temporal
server are the session's. Our own dunning runs on a short schedule (checks 30, 60 and 90
real seconds after a failed renewal), so a card never fixed is cancelled by us within a
test while the PSP's retries, days apart on its clock, happen only when a test moves it.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.settings import Settings
from tests.conftest import ADMIN_KEY, SERVICE_KEY
from tests.support.net import UvicornThread
from tests.support.stack import built_deps, psp_settings, running_worker, stack_settings

DUNNING = "30,60,90"


@pytest.fixture(scope="package")
def sim() -> Iterator[Any]:
    from pspsim.config import SimConfig
    from pspsim.testing import running_simulator

    with running_simulator(SimConfig(port=0, billing_tick_s=0.2)) as handle:
        yield handle


@pytest.fixture(scope="package")
def task_queue() -> str:
    return f"sagas-billing-{secrets.token_hex(4)}"


@pytest.fixture(scope="package")
def settings(
    database_url: str, temporal_env: WorkflowEnvironment, sim: Any, task_queue: str
) -> Settings:
    return stack_settings(
        database_url,
        temporal_address=temporal_env.client.service_client.config.target_host,
        temporal_task_queue=task_queue,
        sagas_api_keys=f"admin:{ADMIN_KEY},service:{SERVICE_KEY}",
        psp_poll_interval_s=2,
        dunning_retry_schedule_s=DUNNING,
        **psp_settings(sim),
    )


@pytest.fixture(scope="package")
async def deps(settings: Settings) -> AsyncIterator[Deps]:
    async with built_deps(settings) as d:
        yield d


@pytest.fixture(scope="package")
async def worker(temporal_client: Client, deps: Deps) -> AsyncIterator[Worker]:
    async with running_worker(temporal_client, deps) as w:
        yield w


@pytest.fixture(scope="package")
def api_server(settings: Settings, sim: Any) -> Iterator[UvicornThread]:
    from api.app import create_app

    with UvicornThread(create_app(settings)) as server:
        yield server


@pytest.fixture
async def api(api_server: UvicornThread, sim: Any) -> AsyncIterator[httpx.AsyncClient]:
    """The API, and a simulator reset for this test (its clock back to the wall's)."""
    assert sim.control("POST", "/reset").status_code == 200
    endpoints = {
        "stripe": f"{api_server.url}/webhooks/stripe",
        "razorpay": f"{api_server.url}/webhooks/razorpay",
    }
    assert sim.control("PUT", "/webhook_endpoints", endpoints).status_code == 200
    async with httpx.AsyncClient(base_url=api_server.url, timeout=30) as client:
        yield client
