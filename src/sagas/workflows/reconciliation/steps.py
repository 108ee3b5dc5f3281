"""The sweep's activity stubs: the finders, in their order, and the repair, typed, with
their timeouts and named retry policy. Workflow-safe."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities.reconciliation.activities import ReconciliationActivities
    from sagas.activities.reconciliation.models import (
        Finding,
        FindInput,
        FindResult,
        RepairOutcome,
    )
    from sagas.temporal import policies

FIND_TIMEOUT = timedelta(minutes=2)
REPAIR_TIMEOUT = timedelta(seconds=60)

#: A finder: one ``reconciliation.find_*`` activity.
Finder = Callable[[ReconciliationActivities, FindInput], Awaitable[FindResult]]

FINDERS: tuple[tuple[str, Finder], ...] = (
    ("stuck_checkouts", ReconciliationActivities.find_stuck_checkouts),
    ("gateway_objects", ReconciliationActivities.find_gateway_orphans),
    ("pending_refunds", ReconciliationActivities.find_pending_refunds),
    ("failed_webhooks", ReconciliationActivities.find_failed_webhooks),
)
#: Runs second, in sweeps past ``SUBSCRIPTIONS_PATCH``.
STUCK_SUBSCRIPTIONS: tuple[str, Finder] = (
    "stuck_subscriptions",
    ReconciliationActivities.find_stuck_subscriptions,
)


async def find(finder: Finder, req: FindInput) -> FindResult:
    return await workflow.execute_activity_method(
        finder,
        req,
        start_to_close_timeout=FIND_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def repair(finding: Finding) -> RepairOutcome:
    """An idempotent hand-off to the saga that owns the case."""
    return await workflow.execute_activity_method(
        ReconciliationActivities.repair,
        finding,
        start_to_close_timeout=REPAIR_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )
