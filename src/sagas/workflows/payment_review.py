"""PaymentReviewWorkflow: a payment event for a checkout whose saga is closed or unknown.

Input: the :class:`PspEvent` (id ``payment-review-<gateway>-<psp payment id>``, so one
payment is reviewed once). It re-reads the payment at the PSP; a settled payment of one
of our checkouts that no paid order holds is booked as ``late`` and handed to the refund
saga: the refund is opened with the key ``late-<payment id>`` and ``RefundWorkflow``
(id ``refund-<refund id>``) runs as a child that outlives this one if need be. The refund
saga follows the PSP to the end, writes the ledger and ends the order ``refunded``; a
refund that cannot finish is that saga's ``NeedsAttention``. Query ``state``.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.review import PaymentReviewActivities
    from sagas.activities.checkout.review_models import LatePayment, LateRefund, ReviewFinding
    from sagas.domain.psp_events import PspEvent
    from sagas.temporal import policies
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.refund_state import RefundInput, RefundResult

STEP_TIMEOUT = timedelta(seconds=30)


class ReviewState(BaseModel):
    stage: str = "inspecting"
    verdict: str | None = None
    checkout_id: str | None = None
    refund_id: str | None = None
    refund_status: str | None = None
    events_seen: list[str] = Field(default_factory=list)


class ReviewResult(BaseModel):
    verdict: str  # late | held | open | not_settled | unknown
    refund_id: str | None = None
    refund_status: str | None = None


@workflow.defn(name="PaymentReviewWorkflow")
class PaymentReviewWorkflow:
    def __init__(self) -> None:
        self._state = ReviewState()

    @workflow.run
    async def run(self, event: PspEvent) -> ReviewResult:
        self._stage("inspecting")
        finding: ReviewFinding = await workflow.execute_activity_method(
            PaymentReviewActivities.inspect,
            event,
            start_to_close_timeout=STEP_TIMEOUT,
            retry_policy=policies.PSP_CALL,
        )
        self._state.verdict, self._state.checkout_id = finding.verdict, finding.checkout_id
        if finding.verdict != "late" or finding.snapshot is None or not finding.checkout_id:
            self._stage(finding.verdict)
            return ReviewResult(verdict=finding.verdict)
        if finding.order_id:
            workflow.upsert_search_attributes(
                [
                    sa.ORDER_ID.value_set(finding.order_id),
                    sa.CHECKOUT_ID.value_set(finding.checkout_id),
                ]
            )
        self._stage("refunding")
        refund: LateRefund = await workflow.execute_activity_method(
            PaymentReviewActivities.record_late_payment,
            LatePayment(
                checkout_id=finding.checkout_id,
                snapshot=finding.snapshot,
                workflow_id=workflow.info().workflow_id,
            ),
            start_to_close_timeout=STEP_TIMEOUT,
            retry_policy=policies.DB_WRITE,
        )
        self._state.refund_id = refund.refund_id
        self._stage("refunding")
        result: RefundResult = await workflow.execute_child_workflow(
            "RefundWorkflow",
            RefundInput(refund_id=refund.refund_id),
            id=refund.workflow_id,
            result_type=RefundResult,
            parent_close_policy=ParentClosePolicy.ABANDON,
            static_summary=f"Refund of late payment {finding.snapshot.payment_id}",
        )
        self._state.refund_status = result.status
        self._stage("refunded" if result.status == "succeeded" else f"refund_{result.status}")
        return ReviewResult(verdict="late", refund_id=refund.refund_id, refund_status=result.status)

    def _stage(self, stage: str) -> None:
        self._state.stage = stage
        workflow.upsert_search_attributes(
            [sa.SAGA_KIND.value_set("payment_review"), *sa.stage_attributes(stage)]
        )
        workflow.set_current_details(
            f"**{stage}** · verdict {self._state.verdict} · checkout {self._state.checkout_id}"
            f" · refund {self._state.refund_id} ({self._state.refund_status})"
        )

    @workflow.query(name="state")
    def state(self) -> ReviewState:
        return self._state

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        """Refund events go to the refund saga; kept here only for the record (deduped)."""
        if event.event_id not in self._state.events_seen:
            self._state.events_seen.append(event.event_id)
