"""The worker process: hosts every workflow and activity on the configured task queue."""

from __future__ import annotations

import asyncio
import logging
import signal
from concurrent.futures import ThreadPoolExecutor

from temporalio.client import Client
from temporalio.worker import Worker

from sagas import registry
from sagas.deps import Deps
from sagas.settings import Settings
from sagas.temporal.client import connect
from sagas.webhooks.schedule import ensure_retention_schedule
from sagas.workflows.reconciliation.schedule import ensure_reconciliation_schedule

log = logging.getLogger("sagas.worker")


def build_worker(client: Client, deps: Deps, *, task_queue: str | None = None) -> Worker:
    return Worker(
        client,
        task_queue=task_queue or deps.settings.temporal_task_queue,
        workflows=list(registry.workflows()),
        activities=list(registry.activities(deps)),
        # Sync activities (none today) would run here; async ones run on the loop.
        activity_executor=ThreadPoolExecutor(max_workers=16),
    )


async def run_worker(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM, then shut down gracefully (in-flight activities finish)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    deps = Deps.build(settings)
    client = await connect(settings)
    worker = build_worker(client, deps)
    await ensure_reconciliation_schedule(client, settings)
    await ensure_retention_schedule(client, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    log.info(
        "worker on task queue %s at %s", settings.temporal_task_queue, settings.temporal_address
    )
    async with worker:
        await stop.wait()
    await deps.aclose()
