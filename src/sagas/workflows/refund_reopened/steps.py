"""RefundReopenedWorkflow's own activity stub (the refund reads are the refund saga's
:mod:`sagas.workflows.refund.steps`)."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities.refund_reopen import RefundReopenActivities, ReopenInput
    from sagas.disputes.reopen import Reopened
    from sagas.temporal import policies
    from sagas.workflows.refund.steps import STEP_TIMEOUT


async def reopen_failed(inp: ReopenInput) -> Reopened:
    """Put the refund's money back on the order (idempotent: ``reopened`` False the second
    time)."""
    return await workflow.execute_activity_method(
        RefundReopenActivities.reopen_failed,
        inp,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )
