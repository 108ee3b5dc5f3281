"""The subscription saga's activity stubs: one typed call per activity, with its timeout
and named retry policy. Workflow-safe (the activities are imported only to be referenced)."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities.subscriptions import SubscriptionActivities
    from sagas.domain.subscriptions import PspView, RetryPaymentResult
    from sagas.temporal import policies
    from sagas.workflows.subscription.messages.inputs import SubscriptionRef
    from sagas.workflows.subscription.messages.psp import (
        CancelAtPspInput,
        CancelAtPspResult,
        PayerDetails,
        ReadInput,
        RetryPaymentInput,
    )
    from sagas.workflows.subscription.messages.snapshot import Snapshot
    from sagas.workflows.subscription.messages.transitions import Transition


async def load(ref: SubscriptionRef) -> Snapshot:
    return await workflow.execute_activity_method(
        SubscriptionActivities.load,
        ref,
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def record(change: Transition) -> None:
    await workflow.execute_activity_method(
        SubscriptionActivities.record,
        change,
        start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def open_at_psp(ref: SubscriptionRef) -> PayerDetails:
    return await workflow.execute_activity_method(
        SubscriptionActivities.open_at_psp,
        ref,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def read_psp(req: ReadInput) -> PspView:
    return await workflow.execute_activity_method(
        SubscriptionActivities.read_psp,
        req,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def retry_payment(req: RetryPaymentInput) -> RetryPaymentResult:
    return await workflow.execute_activity_method(
        SubscriptionActivities.retry_payment,
        req,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def cancel_at_psp(req: CancelAtPspInput) -> CancelAtPspResult:
    """A cancel the caller asked for: a PSP refusal answers them."""
    return await workflow.execute_activity_method(
        SubscriptionActivities.cancel_at_psp,
        req,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def compensate_at_psp(req: CancelAtPspInput) -> CancelAtPspResult:
    """``cancel_at_psp`` as the compensation: retried generously."""
    return await workflow.execute_activity_method(
        SubscriptionActivities.cancel_at_psp,
        req,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.COMPENSATION,
    )


async def close_first_payment(req: CancelAtPspInput) -> bool:
    """Make the first payment impossible before cancelling for its absence: False when
    it was made meanwhile (the payment won; the caller honours it)."""
    return await workflow.execute_activity_method(
        SubscriptionActivities.close_first_payment,
        req,
        start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )
