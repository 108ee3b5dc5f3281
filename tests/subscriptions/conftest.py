"""The time-skipping fixture for the subscription timelines (trials, renewals, dunning).

``skipping`` is a module's own Temporal test server that skips time while nothing is
running, with its own worker hosting the registry on its own task queue, wired to the
session's database and PSP simulator. The simulator cannot see skipped time, so tests
drive its renewals with control calls, then skip the workflow's clock past the period.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from temporalio.client import Client, WorkflowHandle
from temporalio.common import TypedSearchAttributes
from temporalio.testing import WorkflowEnvironment

from sagas.deps import Deps
from sagas.domain.money import Money
from sagas.services.plans import create_plan
from sagas.services.subscriptions.opening import open_subscription
from sagas.settings import Settings
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.subscription.messages.inputs import SubscriptionInput
from tests.support.temporal import register_search_attributes, start_time_skipping

#: Dunning checks 1 h, 2 h and 3 h after a failed renewal (grace: the first hour).
DUNNING = "3600,7200,10800"
PAYMENT_DEADLINE_S = 6 * 3600


@dataclass
class Skipping:
    env: WorkflowEnvironment
    deps: Deps
    task_queue: str

    @property
    def client(self) -> Client:
        return self.env.client

    async def skip(self, delta: timedelta) -> None:
        await self.env.sleep(delta)

    async def skip_past(self, moment: datetime, by: timedelta = timedelta(minutes=1)) -> None:
        """Skip the server's clock to ``by`` after ``moment`` (e.g. a period's end)."""
        now = await self.env.get_current_time()
        await self.env.sleep(max(moment - now, timedelta(0)) + by)

    async def plan(
        self,
        *,
        price: int,
        currency: str = "USD",
        interval: str = "month",
        count: int = 1,
        trial_days: int = 0,
    ) -> str:
        async with self.deps.sessions() as session, session.begin():
            plan = await create_plan(
                session,
                name=f"plan-{secrets.token_hex(2)}",
                price=Money(price, currency),
                interval=interval,
                interval_count=count,
                trial_days=trial_days,
            )
        return plan.id

    async def start(
        self, *, customer_id: str, plan_id: str, gateway: str | None
    ) -> tuple[str, WorkflowHandle[Any, Any]]:
        """Open the row as the API does and start its workflow on the test server.

        ``now`` is the test server's clock, which runs ahead of the wall clock once a
        test has skipped time, so a trial's end is where the workflow will see it.
        """
        now = await self.env.get_current_time()
        async with self.deps.sessions() as session, session.begin():
            opened = await open_subscription(
                session,
                self.deps.settings,
                idempotency_key=f"ts-{secrets.token_hex(6)}",
                customer_id=customer_id,
                plan_id=plan_id,
                gateway=gateway,
                now=now,
            )
        sub = opened.subscription
        handle = await self.client.start_workflow(
            "SubscriptionWorkflow",
            SubscriptionInput(subscription_id=sub.id),
            id=sub.workflow_id,
            task_queue=self.task_queue,
            search_attributes=TypedSearchAttributes(
                initial_pairs("subscription", customer_id=customer_id, gateway=gateway)
            ),
        )
        return sub.id, handle


@pytest.fixture(scope="module")
async def skipping(settings: Settings) -> AsyncIterator[Skipping]:
    from sagas.worker_main import build_worker

    env = await start_time_skipping()
    await register_search_attributes(env.client)
    task_queue = f"subs-ts-{secrets.token_hex(4)}"
    ts_settings = settings.model_copy(
        update={
            "dunning_retry_schedule_s": DUNNING,
            "subscription_payment_deadline_s": PAYMENT_DEADLINE_S,
            "temporal_task_queue": task_queue,
        }
    )
    deps = Deps.build(ts_settings)
    worker = build_worker(env.client, deps, task_queue=task_queue)
    task = asyncio.create_task(worker.run())
    try:
        yield Skipping(env=env, deps=deps, task_queue=task_queue)
    finally:
        await worker.shutdown()
        await asyncio.gather(task, return_exceptions=True)
        await deps.aclose()
        await env.shutdown()
