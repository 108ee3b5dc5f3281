"""The ``webhook-retention`` Temporal Schedule, created idempotently when a worker starts.

Every worker replica calls :func:`ensure_retention_schedule`; the first creates it, the
others find it already there (and bring its spec up to date, so a changed interval or
task queue takes effect on the next deploy). Overlapping runs are skipped
(:mod:`sagas.temporal.schedules`).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from temporalio.client import Client, Schedule, ScheduleActionStartWorkflow
from temporalio.common import TypedSearchAttributes

from sagas.settings import Settings
from sagas.temporal.schedules import ensure_schedule, every
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.webhook_retention.messages import RetentionInput
from sagas.workflows.webhook_retention.workflow import WebhookRetentionWorkflow

log = logging.getLogger("sagas.webhooks.schedule")

SCHEDULE_ID = "webhook-retention"
INTERVAL = timedelta(hours=1)
SWEEP_TIMEOUT = timedelta(minutes=30)  # bounded work (max_batches); the outer deadline


def retention_schedule(settings: Settings, *, interval: timedelta = INTERVAL) -> Schedule:
    sweep = ScheduleActionStartWorkflow(
        WebhookRetentionWorkflow.run,
        RetentionInput(),
        id="webhook-retention-sweep",  # Temporal appends the scheduled time
        task_queue=settings.temporal_task_queue,
        typed_search_attributes=TypedSearchAttributes(initial_pairs("webhook_retention")),
        static_summary="Webhook audit-log retention sweep (scheduled)",
        execution_timeout=SWEEP_TIMEOUT,
    )
    return every(sweep, interval)


async def ensure_retention_schedule(
    client: Client,
    settings: Settings,
    *,
    schedule_id: str = SCHEDULE_ID,
    interval: timedelta = INTERVAL,
) -> None:
    if await ensure_schedule(client, schedule_id, retention_schedule(settings, interval=interval)):
        log.info("created schedule %s every %s", schedule_id, interval)
