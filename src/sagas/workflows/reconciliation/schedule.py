"""The ``reconciliation-sweep`` schedule, created (or brought in line with the settings) at
worker start. Client-side code: the workflow module never imports it.

Overlap policy SKIP (:mod:`sagas.temporal.schedules`): two sweeps would be safe together,
but twice the PSP reads for nothing.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio.client import Client, Schedule, ScheduleActionStartWorkflow
from temporalio.common import TypedSearchAttributes

from sagas.settings import Settings
from sagas.temporal.schedules import ensure_schedule, every
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.reconciliation.messages.inputs import ReconcileInput

SCHEDULE_ID = "reconciliation-sweep"
SWEEP_TIMEOUT = timedelta(minutes=30)  # a sweep is bounded work; this is its outer deadline


def build_schedule(settings: Settings) -> Schedule:
    sweep = ScheduleActionStartWorkflow(
        "ReconciliationWorkflow",
        ReconcileInput(),
        id=SCHEDULE_ID,  # Temporal appends the scheduled time to each run's id
        task_queue=settings.temporal_task_queue,
        typed_search_attributes=TypedSearchAttributes(initial_pairs("reconciliation")),
        static_summary="Reconciliation sweep (scheduled)",
        execution_timeout=SWEEP_TIMEOUT,
    )
    return every(sweep, timedelta(seconds=settings.reconcile_interval_s))


async def ensure_reconciliation_schedule(client: Client, settings: Settings) -> None:
    """Create the schedule, or update the existing one (idempotent across worker starts)."""
    await ensure_schedule(client, SCHEDULE_ID, build_schedule(settings))
