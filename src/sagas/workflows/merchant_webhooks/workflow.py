"""MerchantWebhookDispatcherWorkflow: the one long-lived loop that delivers merchant events.

Input :class:`DispatcherInput`. It runs the ``merchant_webhooks.dispatch`` activity (a
heartbeating loop that sends due deliveries, see
:mod:`sagas.events.delivery.dispatcher`) again and again; each run lasts
``run_for_s``. The outbox rows are the source of truth, so a worker, API or Temporal
restart loses nothing: the activity is retried after a missed heartbeat and finds the
due rows again. Deliveries that failed for the whole retry window set ``NeedsAttention``
on this workflow (cleared once none is left ``failed``: redeliver them from the API).
Continues-as-new every ``runs_per_execution`` runs. Query ``state``. Started by every
worker with a fixed id (:func:`sagas.events.delivery.start.ensure_dispatcher`).
No compensation: sending is retried, never undone.
"""

from __future__ import annotations

from temporalio import workflow

from sagas.workflows.merchant_webhooks.messages import DispatcherInput, DispatcherState

with workflow.unsafe.imports_passed_through():
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.merchant_webhooks import steps


@workflow.defn(name="MerchantWebhookDispatcherWorkflow")
class MerchantWebhookDispatcherWorkflow:
    def __init__(self) -> None:
        self._state = DispatcherState()

    @workflow.run
    async def run(self, inp: DispatcherInput) -> None:
        for _ in range(inp.runs_per_execution):
            report = await steps.dispatch(inp.run_for_s)
            s = self._state
            s.runs += 1
            s.attempted += report.attempted
            s.succeeded += report.succeeded
            s.failed_outstanding = report.failed_outstanding
            attention = report.failed_outstanding > 0
            workflow.upsert_search_attributes(
                sa.stage_attributes("dispatching", needs_attention=attention)
            )
            workflow.set_current_details(self._details())
        workflow.continue_as_new(inp)

    def _details(self) -> str:
        s = self._state
        note = (
            f" · **{s.failed_outstanding} deliveries failed**: see "
            "GET /v1/webhook-endpoints/{id}/deliveries?status=failed and redeliver"
            if s.failed_outstanding
            else ""
        )
        return f"{s.runs} runs · {s.attempted} attempts · {s.succeeded} delivered{note}"

    @workflow.query(name="state")
    def state(self) -> DispatcherState:
        return self._state
