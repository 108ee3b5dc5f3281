"""The dispatcher's activity stub, typed, with its heartbeat, timeout and retry policy.
Workflow-safe."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from sagas.events.delivery.dispatcher import (
        DispatchActivities,
        DispatchInput,
        DispatchReport,
    )

DISPATCH_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=0,  # forever: the dispatcher never gives up
)
HEARTBEAT = timedelta(seconds=20)


async def dispatch(run_for_s: float) -> DispatchReport:
    """One heartbeating run of sending due deliveries, ``run_for_s`` long."""
    return await workflow.execute_activity_method(
        DispatchActivities.dispatch,
        DispatchInput(run_for_s=run_for_s),
        start_to_close_timeout=timedelta(seconds=run_for_s + 120),
        heartbeat_timeout=HEARTBEAT,
        retry_policy=DISPATCH_RETRY,
    )
