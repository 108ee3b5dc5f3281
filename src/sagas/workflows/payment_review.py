"""PaymentReviewWorkflow: a payment event for a checkout whose saga is closed or unknown.

Input: the :class:`PspEvent` (id ``payment-review-<gateway>-<psp payment id>``, so one
payment is reviewed once). It re-reads the payment at the PSP; a settled payment of one
of our checkouts that no paid order holds is booked as ``late`` and handed to the refund
saga: the refund is opened with the key ``late-<payment id>`` and ``RefundWorkflow``
(id ``refund-<refund id>``) runs as a child that outlives this one if need be. The refund
saga follows the PSP to the end, writes the ledger and ends the order ``refunded``; a
refund that cannot finish is that saga's ``NeedsAttention``. Query ``state``.

A review step that cannot go on by itself does not fail the review: the PSP read keeps
failing after its retries (or the PSP does not know the payment), the payment holds money
but matches no checkout we know (``unknown``), or its refund cannot be opened. The review
then sets ``NeedsAttention`` with the reason and waits for the ``operator_action`` update
(``retry`` the step, or ``resolve`` with a reason: an operator handled it by hand),
validated by :func:`check_operator_action`. Patched (``review-operator-action``):
histories from before simply ended or failed there.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.exceptions import ActivityError
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.review import PaymentReviewActivities
    from sagas.activities.checkout.review_models import LatePayment, LateRefund, ReviewFinding
    from sagas.domain.psp_events import PspEvent
    from sagas.temporal import policies
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.checkout.steps import cause
    from sagas.workflows.operator import (
        Attention,
        OperatorAction,
        OperatorActionKind,
        OperatorActionResult,
        check_operator_action,
    )
    from sagas.workflows.refund_state import RefundInput, RefundResult

STEP_TIMEOUT = timedelta(seconds=30)
OPERATOR_PATCH = "review-operator-action"
MAX_ROUNDS = 100  # operator retries of one step before the review gives up waiting
HOLDS_MONEY = ("settled", "authorized", "processing")


class ReviewState(BaseModel):
    stage: str = "inspecting"
    verdict: str | None = None
    checkout_id: str | None = None
    refund_id: str | None = None
    refund_status: str | None = None
    events_seen: list[str] = Field(default_factory=list)
    attention: Attention = Field(default_factory=Attention)
    resolution: str | None = None  # an operator's reason when they resolved a step


class ReviewResult(BaseModel):
    verdict: str  # late | held | open | not_settled | unknown
    refund_id: str | None = None
    refund_status: str | None = None
    resolution: str | None = None  # set when an operator resolved the review by hand


class _Resolved(Exception):
    """An operator resolved the step that could not go on: the review ends here."""


@workflow.defn(name="PaymentReviewWorkflow")
class PaymentReviewWorkflow:
    def __init__(self) -> None:
        self._state = ReviewState()
        self._operator: OperatorAction | None = None

    @workflow.run
    async def run(self, event: PspEvent) -> ReviewResult:
        try:
            return await self._review(event)
        except _Resolved:
            self._stage("resolved")
            return ReviewResult(
                verdict=self._state.verdict or "unknown",
                refund_id=self._state.refund_id,
                resolution=self._state.resolution,
            )

    async def _inspect(self, event: PspEvent) -> ReviewFinding:
        """Read the PSP and our records; an operator retries a read that cannot be made
        and a payment holding money that matches nothing we know."""
        for _ in range(MAX_ROUNDS):
            try:
                finding: ReviewFinding = await workflow.execute_activity_method(
                    PaymentReviewActivities.inspect,
                    event,
                    start_to_close_timeout=STEP_TIMEOUT,
                    retry_policy=policies.PSP_CALL,
                )
            except ActivityError as err:
                if not workflow.patched(OPERATOR_PATCH):
                    raise
                await self._needs_operator(f"PSP read of the payment failed: {cause(err)}")
                continue
            snap = finding.snapshot
            unknown = finding.verdict == "unknown" and snap is not None
            if (
                snap is not None
                and unknown
                and snap.status in HOLDS_MONEY
                and workflow.patched(OPERATOR_PATCH)
            ):
                self._state.verdict = finding.verdict
                await self._needs_operator(
                    f"{snap.gateway} payment {snap.payment_id} ({snap.status}, "
                    f"{snap.amount_minor} {snap.currency}) matches no checkout we know"
                )
                continue
            return finding
        raise _Resolved

    async def _record_late(self, req: LatePayment) -> LateRefund:
        for _ in range(MAX_ROUNDS):
            try:
                refund: LateRefund = await workflow.execute_activity_method(
                    PaymentReviewActivities.record_late_payment,
                    req,
                    start_to_close_timeout=STEP_TIMEOUT,
                    retry_policy=policies.DB_WRITE,
                )
                return refund
            except ActivityError as err:
                if not workflow.patched(OPERATOR_PATCH):
                    raise
                await self._needs_operator(f"refund could not be opened: {cause(err)}")
        raise _Resolved

    async def _needs_operator(self, reason: str) -> None:
        """NeedsAttention until an operator acts: returns on ``retry``, raises
        :class:`_Resolved` on ``resolve``."""
        self._state.attention = Attention(
            needed=True,
            reason=reason,
            since=workflow.now(),
            allowed_actions=[OperatorActionKind.RETRY, OperatorActionKind.RESOLVE],
        )
        self._stage(self._state.stage)
        await workflow.wait_condition(lambda: self._operator is not None)
        action, self._operator = self._operator, None
        assert action is not None
        # From plain data: the sandbox may hold another copy of the OperatorAction class.
        self._state.attention = Attention.model_validate({"last_action": action.model_dump()})
        if action.action != OperatorActionKind.RETRY:  # by value: see above
            self._state.resolution = action.reason
            raise _Resolved
        self._stage(self._state.stage)

    async def _review(self, event: PspEvent) -> ReviewResult:
        self._stage("inspecting")
        finding = await self._inspect(event)
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
        refund = await self._record_late(
            LatePayment(
                checkout_id=finding.checkout_id,
                snapshot=finding.snapshot,
                workflow_id=workflow.info().workflow_id,
            )
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
        attention = self._state.attention
        workflow.upsert_search_attributes(
            [
                sa.SAGA_KIND.value_set("payment_review"),
                *sa.stage_attributes(stage, needs_attention=attention.needed),
            ]
        )
        details = (
            f"**{stage}** · verdict {self._state.verdict} · checkout {self._state.checkout_id}"
            f" · refund {self._state.refund_id} ({self._state.refund_status})"
        )
        if attention.needed:
            details += f"\n\nNEEDS ATTENTION: {attention.reason}"
        elif self._state.resolution:
            details += f"\n\nresolved by an operator: {self._state.resolution}"
        workflow.set_current_details(details)

    @workflow.query(name="state")
    def state(self) -> ReviewState:
        return self._state

    @workflow.update(name="operator_action")
    async def operator_action(self, action: OperatorAction) -> OperatorActionResult:
        self._operator = action
        return OperatorActionResult(
            accepted=True, stage=self._state.stage, message=f"{action.action.value} accepted"
        )

    @operator_action.validator
    def _validate_operator(self, action: OperatorAction) -> None:
        check_operator_action(action, self._state.attention)

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        """Refund events go to the refund saga; kept here only for the record (deduped)."""
        if event.event_id not in self._state.events_seen:
            self._state.events_seen.append(event.event_id)
