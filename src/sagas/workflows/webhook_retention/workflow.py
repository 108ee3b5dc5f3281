"""WebhookRetentionWorkflow: sweep the webhook audit log past its retention, in batches.

Input :class:`RetentionInput` (retention from the setting unless given; batch size; a cap
on batches per run). The cutoff is fixed once, from ``workflow.now()`` at the start, and
batches of ``webhooks.sweep_batch`` run until one comes back short or the cap is hit
(the next scheduled run carries on). No compensation: deleting expired rows is
idempotent. Query ``state``. Run by the ``webhook-retention`` Temporal Schedule
(:mod:`sagas.webhooks.schedule`), overlapping runs skipped.
"""

from __future__ import annotations

from temporalio import workflow

from sagas.workflows.webhook_retention.messages import (
    RetentionInput,
    RetentionResult,
    RetentionState,
)

with workflow.unsafe.imports_passed_through():
    from sagas.activities.webhooks import SweepBatchInput
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.webhook_retention import steps


@workflow.defn(name="WebhookRetentionWorkflow")
class WebhookRetentionWorkflow:
    def __init__(self) -> None:
        self._state = RetentionState()

    @workflow.run
    async def run(self, inp: RetentionInput) -> RetentionResult:
        self._stage("sweeping")
        as_of = workflow.now()
        complete = False
        for _ in range(inp.max_batches):
            batch = await steps.sweep_batch(
                SweepBatchInput(
                    as_of=as_of, retention_days=inp.retention_days, batch_size=inp.batch_size
                )
            )
            s = self._state
            s.cutoff, s.batches = batch.cutoff, s.batches + 1
            s.deliveries_deleted += batch.deliveries_deleted
            s.events_deleted += batch.events_deleted
            workflow.set_current_details(self._details())
            if batch.deliveries_deleted < inp.batch_size and batch.events_deleted < inp.batch_size:
                complete = True
                break
        self._stage("done" if complete else "capped")
        s = self._state
        return RetentionResult(
            cutoff=s.cutoff,
            batches=s.batches,
            deliveries_deleted=s.deliveries_deleted,
            events_deleted=s.events_deleted,
            complete=complete,
        )

    def _details(self) -> str:
        s = self._state
        return (
            f"**{s.stage}** · cutoff {s.cutoff} · {s.batches} batches · "
            f"{s.deliveries_deleted} deliveries, {s.events_deleted} events deleted"
        )

    def _stage(self, stage: str) -> None:
        self._state.stage = stage
        workflow.upsert_search_attributes(
            [sa.SAGA_KIND.value_set("webhook_retention"), *sa.stage_attributes(stage)]
        )
        workflow.set_current_details(self._details())

    @workflow.query(name="state")
    def state(self) -> RetentionState:
        return self._state
