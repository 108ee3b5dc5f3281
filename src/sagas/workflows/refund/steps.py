"""The refund saga's activity stubs: one typed call per activity, with its timeout and
named retry policy. Workflow-safe (the activities are imported only to be referenced)."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities import refund_models as m
    from sagas.activities.refunds import RefundActivities
    from sagas.domain.refunds import PspRefund
    from sagas.temporal import policies

STEP_TIMEOUT = timedelta(seconds=30)


async def load(ref: m.RefundRef) -> m.RefundPlan:
    return await workflow.execute_activity_method(
        RefundActivities.load,
        ref,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def create_at_psp(plan: m.RefundPlan) -> PspRefund:
    """Keyed by the refund id at the PSP: a repeat answers the same PSP refund."""
    return await workflow.execute_activity_method(
        RefundActivities.create_at_psp,
        plan,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def read_at_psp(req: m.PspRead) -> PspRefund:
    return await workflow.execute_activity_method(
        RefundActivities.read_at_psp,
        req,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def mark_succeeded(ref: m.RefundRef) -> m.Settled:
    return await workflow.execute_activity_method(
        RefundActivities.mark_succeeded,
        ref,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def mark_failed(req: m.FailInput) -> m.Settled:
    return await workflow.execute_activity_method(
        RefundActivities.mark_failed,
        req,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def revoke_fulfilment(ref: m.RefundRef) -> m.Revoked:
    """The compensation of the order's fulfilment: retried generously, never swallowed."""
    return await workflow.execute_activity_method(
        RefundActivities.revoke_fulfilment,
        ref,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.COMPENSATION,
    )
