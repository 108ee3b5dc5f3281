"""The payment review a checkout hands a payment to, as a stub (it outlives the checkout).

A module of its own: the workflow sandbox re-imports the module a workflow is defined in,
and a test module's imports (database models among them) do not belong in there.
"""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.domain.psp_events import PspEvent


@workflow.defn(name="PaymentReviewWorkflow")
class ReviewStub:
    @workflow.run
    async def run(self, event: PspEvent) -> None:
        return None
