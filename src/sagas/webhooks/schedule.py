"""The ``webhook-retention`` Temporal Schedule, created idempotently when a worker starts.

Every worker replica calls :func:`ensure_retention_schedule`; the first creates it, the
others find it already there (and bring its spec up to date, so a changed interval or
task queue takes effect on the next deploy). Overlapping runs are skipped.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)
from temporalio.common import TypedSearchAttributes

from sagas.settings import Settings
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.webhook_retention import RetentionInput, WebhookRetentionWorkflow

log = logging.getLogger("sagas.webhooks.schedule")

SCHEDULE_ID = "webhook-retention"
INTERVAL = timedelta(hours=1)
SWEEP_TIMEOUT = timedelta(minutes=30)  # bounded work (max_batches); the outer deadline


def retention_schedule(settings: Settings, *, interval: timedelta = INTERVAL) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(
            WebhookRetentionWorkflow.run,
            RetentionInput(),
            id="webhook-retention-sweep",  # Temporal appends the scheduled time
            task_queue=settings.temporal_task_queue,
            typed_search_attributes=TypedSearchAttributes(initial_pairs("webhook_retention")),
            static_summary="Webhook audit-log retention sweep (scheduled)",
            execution_timeout=SWEEP_TIMEOUT,
        ),
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=interval)]),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
    )


async def ensure_retention_schedule(
    client: Client,
    settings: Settings,
    *,
    schedule_id: str = SCHEDULE_ID,
    interval: timedelta = INTERVAL,
) -> None:
    schedule = retention_schedule(settings, interval=interval)
    try:
        await client.create_schedule(schedule_id, schedule)
        log.info("created schedule %s every %s", schedule_id, interval)
        return
    except ScheduleAlreadyRunningError:
        pass

    def _update(_: ScheduleUpdateInput) -> ScheduleUpdate:
        return ScheduleUpdate(schedule=schedule)

    await client.get_schedule_handle(schedule_id).update(_update)
