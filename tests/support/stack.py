"""The product's settings, adapters and worker over the test servers, as every
whole-stack fixture set builds them (the session's in tests/conftest.py, the billing
package's own in tests/billing/conftest.py)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.settings import Settings


def psp_settings(sim: Any) -> dict[str, Any]:
    """Both gateways pointed at the simulator, with its keys and webhook secrets."""
    return {
        "stripe_api_key": sim.config.stripe_api_keys[0],
        "stripe_webhook_secret": sim.config.stripe_webhook_secret,
        "stripe_api_base": sim.stripe_base,
        "razorpay_key_id": sim.config.razorpay_key_id,
        "razorpay_key_secret": sim.config.razorpay_key_secret,
        "razorpay_webhook_secret": sim.config.razorpay_webhook_secret,
        "razorpay_api_base": sim.razorpay_base,
    }


def stack_settings(database_url: str, **values: Any) -> Settings:
    """Development settings over a test database; ``values`` add or override the rest."""
    return Settings(_env_file=None, sagas_env="development", database_url=database_url, **values)


@contextlib.asynccontextmanager
async def built_deps(settings: Settings) -> AsyncIterator[Deps]:
    deps = Deps.build(settings)
    try:
        yield deps
    finally:
        await deps.aclose()


@contextlib.asynccontextmanager
async def running_worker(client: Client, deps: Deps) -> AsyncIterator[Worker]:
    """The production worker (every workflow and activity) on the settings' task queue."""
    from sagas.worker_main import build_worker

    worker = build_worker(client, deps)
    task = asyncio.create_task(worker.run())
    try:
        yield worker
    finally:
        await worker.shutdown()
        await asyncio.gather(task, return_exceptions=True)
