"""WebhookRetentionWorkflow's activity stub, typed, with its timeout and named retry
policy. Workflow-safe."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities.webhooks import SweepBatchInput, SweepBatchResult, WebhookActivities
    from sagas.temporal import policies


async def sweep_batch(req: SweepBatchInput) -> SweepBatchResult:
    """One batch of expired deliveries and events deleted (idempotent)."""
    return await workflow.execute_activity_method(
        WebhookActivities.sweep_batch,
        req,
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )
