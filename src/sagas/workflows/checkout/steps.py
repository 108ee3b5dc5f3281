"""The checkout workflow's steps: each activity call with its timeouts and named retry
policy, plus the small pure helpers the workflow uses. Workflow-safe (no I/O here)."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.exceptions import WorkflowAlreadyStartedError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.authorizations import CheckoutAuthorizationActivities
    from sagas.activities.checkout.models import (
        AuthCaptureInput,
        CaptureInput,
        CheckoutRef,
        CloseInput,
        CloseResult,
        CompensateInput,
        CompensateResult,
        GatewayObject,
        NextActionInput,
        ReadInput,
        ReadResult,
        RecordCaptureInput,
        RecordVoidInput,
        SettleInput,
        StageInput,
        VoidInput,
    )
    from sagas.activities.checkout.psp import CheckoutPspActivities
    from sagas.activities.checkout.records import CheckoutRecordActivities
    from sagas.domain.captures import CaptureOutcome
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
    from sagas.gateways.traits import traits_of
    from sagas.temporal import policies
    from sagas.workflows.checkout.messages.inputs import CheckoutInput, VerifyResult
    from sagas.workflows.checkout.messages.state import CLOSED, HELD, PAID_STAGES, CheckoutState
    from sagas.workflows.saga.errors import cause as cause  # re-exported for the workflow

FULFILMENT_TIMEOUT = timedelta(seconds=30)
COMPENSATION_TIMEOUT = timedelta(seconds=30)


def settled_first(snap: PaymentSnapshot) -> tuple[int, str]:
    order = [PaymentStatus.SETTLED, PaymentStatus.AUTHORIZED, PaymentStatus.PROCESSING]
    rank = order.index(snap.status) if snap.status in order else len(order)
    return rank, snap.payment_id


def judge(
    snap: PaymentSnapshot, expected: Expected, gateway: str, *, manual: bool = False
) -> GateDecision:
    return gate(snap, expected, can_capture=traits_of(gateway).captures_authorized, manual=manual)


def verify_outcome(state: CheckoutState, judged: str | None, payment_id: str) -> VerifyResult:
    if state.payment_id == payment_id and state.stage in PAID_STAGES:
        return VerifyResult(outcome="paid", stage=state.stage)
    if state.payment_id == payment_id and state.stage in HELD:
        return VerifyResult(outcome="authorized", stage=state.stage)
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


async def settle(checkout_id: str, snap: PaymentSnapshot, *, local: bool = False) -> str:
    """``local``: a short database write, run as a local activity (no activity task on
    the server, no extra workflow task); same timeout, retry policy and idempotency."""
    inp = SettleInput(checkout_id=checkout_id, payment=snap)
    if local:
        return await workflow.execute_local_activity_method(
            CheckoutRecordActivities.settle,
            inp,
            start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
            retry_policy=policies.DB_WRITE,
        )
    return await workflow.execute_activity_method(
        CheckoutRecordActivities.settle,
        inp,
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def settle_free(checkout_id: str) -> str:
    return await workflow.execute_activity_method(
        CheckoutRecordActivities.settle_free,
        CheckoutRef(checkout_id=checkout_id),
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


async def require_action(checkout_id: str, url: str) -> None:
    await workflow.execute_activity_method(
        CheckoutRecordActivities.require_action,
        NextActionInput(checkout_id=checkout_id, url=url),
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


# -- manual capture (CONTRACT 11.2) --------------------------------------------------------


async def authorize(checkout_id: str, snap: PaymentSnapshot) -> str:
    return await workflow.execute_activity_method(
        CheckoutAuthorizationActivities.authorize,
        SettleInput(checkout_id=checkout_id, payment=snap),
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def capture_authorized(req: AuthCaptureInput) -> CaptureOutcome:
    return await workflow.execute_activity_method(
        CheckoutPspActivities.capture_authorized,
        req,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def record_capture(checkout_id: str, outcome: CaptureOutcome) -> str:
    return await workflow.execute_activity_method(
        CheckoutAuthorizationActivities.record_capture,
        RecordCaptureInput(checkout_id=checkout_id, outcome=outcome),
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def void_authorized(gateway: str, payment_id: str, void_id: str) -> None:
    await workflow.execute_activity_method(
        CheckoutPspActivities.void_authorized,
        VoidInput(gateway=gateway, payment_id=payment_id, void_id=void_id),
        start_to_close_timeout=COMPENSATION_TIMEOUT,
        retry_policy=policies.COMPENSATION,
    )


async def record_void(checkout_id: str, reason: str) -> CloseResult:
    return await workflow.execute_activity_method(
        CheckoutAuthorizationActivities.record_void,
        RecordVoidInput(checkout_id=checkout_id, reason=reason),
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.COMPENSATION,
    )
