"""The ``reconciliation-sweep`` schedule, created (or brought in line with the settings) at
worker start. Client-side code: the workflow module never imports it.

Overlap policy SKIP: a sweep still running when the next one is due makes the next one
wait for the following slot rather than run two at once (they would be safe together, but
twice the PSP reads for nothing).
"""

from __future__ import annotations

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
from sagas.workflows.reconciliation.models import ReconcileInput

SCHEDULE_ID = "reconciliation-sweep"
SWEEP_TIMEOUT = timedelta(minutes=30)  # a sweep is bounded work; this is its outer deadline


def build_schedule(settings: Settings) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(
            "ReconciliationWorkflow",
            ReconcileInput(),
            id=SCHEDULE_ID,  # Temporal appends the scheduled time to each run's id
            task_queue=settings.temporal_task_queue,
            typed_search_attributes=TypedSearchAttributes(initial_pairs("reconciliation")),
            static_summary="Reconciliation sweep (scheduled)",
            execution_timeout=SWEEP_TIMEOUT,
        ),
        spec=ScheduleSpec(
            intervals=[ScheduleIntervalSpec(every=timedelta(seconds=settings.reconcile_interval_s))]
        ),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
    )


async def ensure_reconciliation_schedule(client: Client, settings: Settings) -> None:
    """Create the schedule, or update the existing one (idempotent across worker starts)."""
    schedule = build_schedule(settings)
    try:
        await client.create_schedule(SCHEDULE_ID, schedule)
    except ScheduleAlreadyRunningError:

        def _update(_: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=schedule)

        await client.get_schedule_handle(SCHEDULE_ID).update(_update)
