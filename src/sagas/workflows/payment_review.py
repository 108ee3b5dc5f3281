"""PaymentReviewWorkflow: a payment event for a checkout whose saga is closed or unknown.

Input: the :class:`PspEvent` (id ``payment-review-<gateway>-<psp payment id>``, so one
payment is reviewed once). It re-reads the payment at the PSP; a settled payment of one
of our checkouts that no paid order holds is booked as ``late`` and refunded with the key
``late-<payment id>``; the refund is then followed (``psp_event`` signals wake it, a poll
backs them up) until the PSP says it is final, and the order ends ``refunded`` with the
reason. A refund the PSP fails, or no final word by the deadline, sets ``NeedsAttention``
and waits for ``retry`` / ``resolve``. Query ``state``.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.review import PaymentReviewActivities
    from sagas.activities.checkout.review_models import LatePayment, LateRefund, ReviewFinding
    from sagas.domain.psp_events import PspEvent
    from sagas.temporal import policies
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.operator import (
        Attention,
        OperatorAction,
        OperatorActionKind,
        OperatorActionResult,
        check_operator_action,
    )


STEP_TIMEOUT = timedelta(seconds=30)


class ReviewState(BaseModel):
    stage: str = "inspecting"
    verdict: str | None = None
    checkout_id: str | None = None
    refund_id: str | None = None
    refund_status: str | None = None
    events_seen: list[str] = Field(default_factory=list)
    attention: Attention = Field(default_factory=Attention)


class ReviewResult(BaseModel):
    verdict: str
    refund_id: str | None = None
    refund_status: str | None = None


@workflow.defn(name="PaymentReviewWorkflow")
class PaymentReviewWorkflow:
    def __init__(self) -> None:
        self._state = ReviewState()
        self._wake = False
        self._operator: OperatorAction | None = None

    @workflow.run
    async def run(self, event: PspEvent) -> ReviewResult:
        self._stage("inspecting")
        finding: ReviewFinding = await workflow.execute_activity_method(
            PaymentReviewActivities.inspect,
            event,
            start_to_close_timeout=STEP_TIMEOUT,
            retry_policy=policies.COMPENSATION,
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
            retry_policy=policies.COMPENSATION,
        )
        self._state.refund_id = refund.refund_id
        for _ in range(100):
            try:
                if refund.gateway_refund_id is None:
                    refund = await workflow.execute_activity_method(
                        PaymentReviewActivities.refund_late_payment,
                        refund,
                        start_to_close_timeout=STEP_TIMEOUT,
                        retry_policy=policies.COMPENSATION,
                    )
                status = await self._follow(refund, finding)
            except ActivityError as err:
                status = f"error: {err.cause or err}"
            self._state.refund_status = status
            if status == "succeeded":
                self._stage("refunded")
                return ReviewResult(
                    verdict="late", refund_id=refund.refund_id, refund_status=status
                )
            action = await self._needs_operator(f"late-payment refund is {status}")
            if action is not OperatorActionKind.RETRY:
                break
        self._stage("resolved_by_operator")
        return ReviewResult(
            verdict="late", refund_id=refund.refund_id, refund_status=self._state.refund_status
        )

    async def _follow(self, refund: LateRefund, finding: ReviewFinding) -> str:
        """Poll the refund (woken early by refund events) until final or the deadline."""
        deadline = workflow.now() + timedelta(seconds=finding.refund_deadline_s)
        for _ in range(100_000):
            outcome = await workflow.execute_activity_method(
                PaymentReviewActivities.finish_refund,
                refund,
                start_to_close_timeout=STEP_TIMEOUT,
                retry_policy=policies.COMPENSATION,
            )
            if outcome.status != "pending":
                return outcome.status
            left = (deadline - workflow.now()).total_seconds()
            if left <= 0:
                return "pending past its deadline"
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    lambda: self._wake,
                    timeout=timedelta(seconds=min(finding.poll_interval_s, left)),
                )
            self._wake = False
        return "pending"

    async def _needs_operator(self, reason: str) -> OperatorActionKind:
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
        self._stage(self._state.stage)
        return action.action

    def _stage(self, stage: str) -> None:
        self._state.stage = stage
        workflow.upsert_search_attributes(
            [
                sa.SAGA_KIND.value_set("payment_review"),
                *sa.stage_attributes(stage, needs_attention=self._state.attention.needed),
            ]
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
        if event.event_id not in self._state.events_seen:
            self._state.events_seen.append(event.event_id)
            self._wake = True

    @workflow.update(name="operator_action")
    async def operator_action(self, action: OperatorAction) -> OperatorActionResult:
        self._operator = action
        return OperatorActionResult(
            accepted=True, stage=self._state.stage, message=f"{action.action.value} accepted"
        )

    @operator_action.validator
    def _validate_operator(self, action: OperatorAction) -> None:
        check_operator_action(action, self._state.attention)
