"""The checkout workflow's steps: each activity call with its timeouts and named retry
policy, plus the small pure helpers the workflow uses. Workflow-safe (no I/O here)."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.models import (
        CaptureInput,
        CheckoutRef,
        CloseInput,
        CloseResult,
        CompensateInput,
        CompensateResult,
        GatewayObject,
        ReadInput,
        ReadResult,
        SettleInput,
        StageInput,
    )
    from sagas.activities.checkout.psp import CheckoutPspActivities
    from sagas.activities.checkout.records import CheckoutRecordActivities
    from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
    from sagas.domain.settlement import (
        Expected,
        GateDecision,
        PaymentSnapshot,
        PaymentStatus,
        Verdict,
    )
    from sagas.domain.settlement import (
        judge as gate,
    )
    from sagas.temporal import policies
    from sagas.workflows.checkout.inputs import CheckoutInput, VerifyResult
    from sagas.workflows.checkout.state import CLOSED, PAID_STAGES, CheckoutState

FULFILMENT_TIMEOUT = timedelta(seconds=30)
COMPENSATION_TIMEOUT = timedelta(seconds=30)


def cause(err: BaseException) -> str:
    """The innermost message of an activity failure (what an operator needs to read)."""
    inner: BaseException | None = err
    for _ in range(10):
        if inner is None or inner.__cause__ is None:
            break
        inner = inner.__cause__
    if isinstance(inner, ApplicationError):
        return f"{inner.type or 'error'}: {inner.message}"
    return str(inner or err)


def settled_first(snap: PaymentSnapshot) -> tuple[int, str]:
    order = [PaymentStatus.SETTLED, PaymentStatus.AUTHORIZED, PaymentStatus.PROCESSING]
    rank = order.index(snap.status) if snap.status in order else len(order)
    return rank, snap.payment_id


def judge(snap: PaymentSnapshot, expected: Expected, gateway: str) -> GateDecision:
    return gate(snap, expected, can_capture=gateway == "razorpay")


def verify_outcome(state: CheckoutState, judged: str | None, payment_id: str) -> VerifyResult:
    if state.payment_id == payment_id and state.stage in PAID_STAGES:
        return VerifyResult(outcome="paid", stage=state.stage)
    if judged is not None and judged not in (Verdict.ACCEPT, Verdict.WAIT):
        detail = next(
            (r.detail for r in reversed(state.rejections) if r.payment_id == payment_id), None
        )
        return VerifyResult(outcome="rejected", stage=state.stage, reason=judged, detail=detail)
    if state.stage in CLOSED or state.stage in PAID_STAGES:
        return VerifyResult(outcome="closed", stage=state.stage, reason=state.reason)
    return VerifyResult(outcome="pending", stage=state.stage)


async def open_gateway_object(checkout_id: str) -> GatewayObject:
    return await workflow.execute_activity_method(
        CheckoutPspActivities.open_gateway_object,
        CheckoutRef(checkout_id=checkout_id),
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def read_payments(req: ReadInput) -> ReadResult:
    return await workflow.execute_activity_method(
        CheckoutPspActivities.read_payments,
        req,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def capture(snap: PaymentSnapshot) -> PaymentSnapshot:
    return await workflow.execute_activity_method(
        CheckoutPspActivities.capture_payment,
        CaptureInput(
            gateway=snap.gateway,
            payment_id=snap.payment_id,
            amount_minor=snap.amount_minor,
            currency=snap.currency,
        ),
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def compensate(inp: CheckoutInput, gateway_object_id: str) -> CompensateResult:
    """Cancel / expire / deactivate the gateway object (also used after a Link is paid)."""
    return await workflow.execute_activity_method(
        CheckoutPspActivities.compensate_gateway_object,
        CompensateInput(
            checkout_id=inp.checkout_id,
            gateway=inp.gateway,
            flow=inp.flow,
            gateway_object_id=gateway_object_id,
        ),
        start_to_close_timeout=COMPENSATION_TIMEOUT,
        retry_policy=policies.COMPENSATION,
    )


async def settle(checkout_id: str, snap: PaymentSnapshot) -> str:
    return await workflow.execute_activity_method(
        CheckoutRecordActivities.settle,
        SettleInput(checkout_id=checkout_id, payment=snap),
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def set_stage(checkout_id: str, status: str | None, reason: str | None) -> None:
    await workflow.execute_activity_method(
        CheckoutRecordActivities.set_stage,
        StageInput(checkout_id=checkout_id, status=status, reason=reason),
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def close(checkout_id: str, status: str, reason: str) -> CloseResult:
    return await workflow.execute_activity_method(
        CheckoutRecordActivities.close,
        CloseInput(checkout_id=checkout_id, status=status, reason=reason),
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.COMPENSATION,
    )


async def fulfil(checkout_id: str) -> str:
    return await workflow.execute_activity_method(
        CheckoutRecordActivities.fulfil,
        CheckoutRef(checkout_id=checkout_id),
        start_to_close_timeout=FULFILMENT_TIMEOUT,
        retry_policy=policies.FULFILMENT,
    )


async def start_review(checkout_id: str, snap: PaymentSnapshot) -> bool:
    """Hand a second settled payment of a paid checkout (a Payment Link paid twice before
    it was deactivated) to PaymentReviewWorkflow, which refunds it. It outlives us."""
    event = PspEvent(
        gateway=Gateway(snap.gateway),
        event_id=f"checkout-{checkout_id}-extra-{snap.payment_id}",
        event_type="checkout.extra_payment",
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=snap.payment_id,
        payment_id=snap.payment_id,
        checkout_id=checkout_id,
        gateway_object_id=snap.gateway_object_id,
    )
    try:
        await workflow.start_child_workflow(
            "PaymentReviewWorkflow",
            event,
            id=f"payment-review-{snap.gateway}-{snap.payment_id}",
            parent_close_policy=workflow.ParentClosePolicy.ABANDON,
        )
    except WorkflowAlreadyStartedError:
        return False  # the webhook router or the reconciliation got there first
    return True
