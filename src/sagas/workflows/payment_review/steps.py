"""The payment review's activity stubs and its refund child, typed, with their timeouts
and named retry policies. Workflow-safe."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.review import PaymentReviewActivities
    from sagas.activities.checkout.review_models import LatePayment, LateRefund, ReviewFinding
    from sagas.domain.psp_events import PspEvent
    from sagas.temporal import policies
    from sagas.workflows.refund import RefundInput, RefundResult, RefundWorkflow

STEP_TIMEOUT = timedelta(seconds=30)


async def inspect(event: PspEvent) -> ReviewFinding:
    return await workflow.execute_activity_method(
        PaymentReviewActivities.inspect,
        event,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def record_late_payment(req: LatePayment) -> LateRefund:
    """Opens the refund keyed ``late-<payment id>``: a repeat answers the same refund."""
    return await workflow.execute_activity_method(
        PaymentReviewActivities.record_late_payment,
        req,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def refund(late: LateRefund, payment_id: str) -> RefundResult:
    """The refund saga as a child that outlives the review if need be."""
    return await workflow.execute_child_workflow(
        RefundWorkflow.run,
        RefundInput(refund_id=late.refund_id),
        id=late.workflow_id,
        parent_close_policy=ParentClosePolicy.ABANDON,
        static_summary=f"Refund of late payment {payment_id}",
    )
