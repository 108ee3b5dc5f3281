"""The dispute saga's activity stubs: one typed call per activity, with its timeout and
named retry policy. Workflow-safe (the activities are imported only to be referenced)."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities.dispute_models import AcceptInput, DisputeRead, DisputeRef, EvidenceInput
    from sagas.activities.disputes import DisputeActivities
    from sagas.disputes.recorded import Recorded
    from sagas.temporal import policies

STEP_TIMEOUT = timedelta(seconds=30)


async def sync(read: DisputeRead) -> Recorded:
    """Read the dispute at the PSP and record it."""
    return await workflow.execute_activity_method(
        DisputeActivities.sync,
        read,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def submit_evidence(inp: EvidenceInput) -> Recorded:
    return await workflow.execute_activity_method(
        DisputeActivities.submit_evidence,
        inp,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def accept(inp: AcceptInput) -> Recorded:
    return await workflow.execute_activity_method(
        DisputeActivities.accept,
        inp,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.PSP_CALL,
    )


async def mark_reviewed(ref: DisputeRef) -> bool:
    return await workflow.execute_activity_method(
        DisputeActivities.mark_reviewed,
        ref,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.DB_WRITE,
    )


async def revoke_fulfilment(ref: DisputeRef) -> bool:
    """A lost dispute takes the order's fulfilment back: retried like a fulfilment."""
    return await workflow.execute_activity_method(
        DisputeActivities.revoke_fulfilment,
        ref,
        start_to_close_timeout=STEP_TIMEOUT,
        retry_policy=policies.FULFILMENT,
    )
