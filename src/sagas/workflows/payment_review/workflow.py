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

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.review_models import LatePayment, LateRefund, ReviewFinding
    from sagas.domain.psp_events import PspEvent
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.operator.actions import OperatorActionKind
    from sagas.workflows.operator.attention import Attention
    from sagas.workflows.payment_review import steps
    from sagas.workflows.payment_review.messages import ReviewResult, ReviewState
    from sagas.workflows.saga import EventInbox, OperatorDesk, cause, report_stage
    from sagas.workflows.saga.desk import OperatorDeskHandlers, handled

OPERATOR_PATCH = "review-operator-action"
MAX_ROUNDS = 100  # operator retries of one step before the review gives up waiting
HOLDS_MONEY = ("settled", "authorized", "processing")


class _Resolved(Exception):
    """An operator resolved the step that could not go on: the review ends here."""


@workflow.defn(name="PaymentReviewWorkflow")
class PaymentReviewWorkflow(OperatorDeskHandlers):
    def __init__(self) -> None:
        self._state = ReviewState()
        self._inbox = EventInbox(self._state.events_seen)
        self._desk = OperatorDesk()

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
                finding = await steps.inspect(event)
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
                return await steps.record_late_payment(req)
            except ActivityError as err:
                if not workflow.patched(OPERATOR_PATCH):
                    raise
                await self._needs_operator(f"refund could not be opened: {cause(err)}")
        raise _Resolved

    async def _needs_operator(self, reason: str) -> None:
        """NeedsAttention until an operator acts: returns on ``retry``, raises
        :class:`_Resolved` on ``resolve``."""
        action = await self._desk.ask(reason, self._show)
        self._state.attention = handled(action)
        if action.action != OperatorActionKind.RETRY:  # by value: the sandbox may copy it
            self._state.resolution = action.reason
            raise _Resolved
        self._stage(self._state.stage)

    def _show(self, attention: Attention) -> None:
        self._state.attention = attention
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
        result = await steps.refund(refund, finding.snapshot.payment_id)
        self._state.refund_status = result.status
        self._stage("refunded" if result.status == "succeeded" else f"refund_{result.status}")
        return ReviewResult(verdict="late", refund_id=refund.refund_id, refund_status=result.status)

    def _stage(self, stage: str) -> None:
        self._state.stage = stage
        report_stage(
            stage,
            needs_attention=self._state.attention.needed,
            details=self._state.details(),
            first=[sa.SAGA_KIND.value_set("payment_review")],
        )

    @workflow.query(name="state")
    def state(self) -> ReviewState:
        return self._state

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        """Refund events go to the refund saga; kept here only for the record (deduped)."""
        self._inbox.record(event.event_id)
