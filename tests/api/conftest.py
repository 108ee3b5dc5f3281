"""API fixtures that need no PSP simulator: the catalogue, health and auth denials.

``catalogue_api`` serves ``create_app`` under uvicorn on loopback against the session's
throwaway database and the real Temporal dev server; its PSP bases point at a closed
loopback port, so nothing here can reach a real PSP. Routes that run for real with the
simulator and a worker (the auth matrix's "right role" cases) use the shared ``api``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment

from sagas.db.engine import make_engine
from sagas.settings import Settings
from tests.conftest import ADMIN_KEY, SERVICE_KEY
from tests.support.net import UvicornThread, free_port


def lean_settings(database_url: str, temporal_address: str, **overrides: Any) -> Settings:
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens: no PSP is ever reached
    values: dict[str, Any] = {
        "sagas_env": "development",
        "database_url": database_url,
        "temporal_address": temporal_address,
        "temporal_task_queue": "sagas-api-tests",
        "sagas_api_keys": f"admin:{ADMIN_KEY},service:{SERVICE_KEY}",
        "stripe_api_base": f"{dead}/stripe",
        "razorpay_api_base": f"{dead}/razorpay",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def temporal_address(temporal_env: WorkflowEnvironment) -> str:
    target: str = temporal_env.client.service_client.config.target_host
    return target


@pytest.fixture(scope="session")
def catalogue_server(database_url: str, temporal_address: str) -> Iterator[UvicornThread]:
    from api.app import create_app

    with UvicornThread(create_app(lean_settings(database_url, temporal_address))) as server:
        yield server


@pytest.fixture
async def catalogue_api(catalogue_server: UvicornThread) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=catalogue_server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
async def db_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def row_counts(db_engine: AsyncEngine) -> Any:
    """``await row_counts()``: rows per catalogue table, to prove a 422 wrote nothing."""

    async def snapshot() -> dict[str, int]:
        from sagas.db.models.discounts import DiscountCode, DiscountRedemption
        from sagas.db.models.products import Product

        out: dict[str, int] = {}
        async with db_engine.connect() as conn:
            for model in (Product, DiscountCode, DiscountRedemption):
                count = await conn.scalar(select(func.count()).select_from(model))
                out[model.__tablename__] = int(count or 0)
        return out

    return snapshot


@pytest.fixture(scope="session")
def stack_worker(request: pytest.FixtureRequest) -> Any:
    """The shared ``worker`` once the registry hosts anything (an empty worker cannot run)."""
    from sagas import registry

    if not registry.workflows():
        return None
    return request.getfixturevalue("worker")
