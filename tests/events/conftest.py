"""Merchant-event fixtures: a dispatcher with test-sized retry settings on its own worker
and task queue (the real workflow and activity, over the session's database), a loopback
receiver, and endpoints that are deleted after each test so no other test's orders wait
on them."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from temporalio.client import Client, WorkflowHandle
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.events.delivery.dispatcher import DispatchActivities
from sagas.events.delivery.start import ensure_dispatcher
from sagas.settings import Settings
from sagas.workflows.merchant_webhooks.messages import DispatcherInput
from sagas.workflows.merchant_webhooks.workflow import MerchantWebhookDispatcherWorkflow
from tests.conftest import ADMIN
from tests.events.receiver import MerchantReceiver

FIRST_RETRY_S = 0.5


@pytest.fixture(scope="session")
def event_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "merchant_webhook_first_retry_s": FIRST_RETRY_S,
            "merchant_webhook_max_interval_s": 2.0,
            "merchant_webhook_retry_for_s": 120.0,
            "merchant_webhook_timeout_s": 5.0,
            "merchant_webhook_poll_s": 0.1,
        }
    )


class Dispatcher:
    """The dispatcher workflow on its own worker; ``restart_worker`` kills and revives
    the worker (the activity is cut mid-flight; the workflow retries it)."""

    def __init__(self, client: Client, deps: Deps, task_queue: str, workflow_id: str) -> None:
        self.client, self.deps = client, deps
        self.task_queue, self.workflow_id = task_queue, workflow_id
        self.worker: Worker | None = None
        self._task: asyncio.Task[None] | None = None

    def _new_worker(self) -> Worker:
        return Worker(
            self.client,
            task_queue=self.task_queue,
            workflows=[MerchantWebhookDispatcherWorkflow],
            activities=[DispatchActivities(self.deps.sessions, self.deps.settings).dispatch],
        )

    async def start_worker(self) -> None:
        self.worker = self._new_worker()
        self._task = asyncio.create_task(self.worker.run())

    async def stop_worker(self) -> None:
        if self.worker is not None:
            await self.worker.shutdown()
            if self._task is not None:
                await asyncio.gather(self._task, return_exceptions=True)
        self.worker = self._task = None

    @property
    def handle(self) -> WorkflowHandle[Any, Any]:
        return self.client.get_workflow_handle(self.workflow_id)


@pytest.fixture(scope="session")
async def dispatcher(
    temporal_client: Client, event_settings: Settings
) -> AsyncIterator[Dispatcher]:
    queue = f"events-test-{secrets.token_hex(4)}"
    settings = event_settings.model_copy(update={"temporal_task_queue": queue})
    deps = Deps.build(settings)
    d = Dispatcher(temporal_client, deps, queue, f"merchant-webhook-dispatcher-{queue}")
    await d.start_worker()
    await ensure_dispatcher(
        temporal_client,
        settings,
        workflow_id=d.workflow_id,
        inp=DispatcherInput(run_for_s=3, runs_per_execution=20),
    )
    try:
        yield d
    finally:
        await d.handle.terminate("test session over")
        await d.stop_worker()
        await deps.aclose()


@pytest.fixture
def receiver() -> Iterator[MerchantReceiver]:
    r = MerchantReceiver()
    r.start()
    try:
        yield r
    finally:
        r.stop()


@pytest.fixture
async def endpoints(api: httpx.AsyncClient) -> AsyncIterator[list[str]]:
    """Ids of endpoints a test registered; all deleted afterwards (releasing hand-offs)."""
    made: list[str] = []
    yield made
    for endpoint_id in made:
        await api.delete(f"/v1/webhook-endpoints/{endpoint_id}", headers=ADMIN)


@pytest.fixture
def register(api: httpx.AsyncClient, endpoints: list[str]) -> Callable[..., Any]:
    async def make(url: str, event_types: list[str] | None = None) -> dict[str, Any]:
        r = await api.post(
            "/v1/webhook-endpoints",
            json={"url": url, "event_types": event_types or ["*"], "description": "test"},
            headers=ADMIN,
        )
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        endpoints.append(data["id"])
        return data

    return make
