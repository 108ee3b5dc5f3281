"""Starting the payment review (``payment-review-<gateway>-<psp payment id>``) of a payment
no live checkout saga holds: from the webhook handover and from reconciliation."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from temporalio.client import Client
from temporalio.common import (
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)

from sagas.domain.psp_events import PspEvent
from sagas.starters.hosting import ensure_hosted
from sagas.workflows.payment_review import PaymentReviewWorkflow

WORKFLOW_TYPE = "PaymentReviewWorkflow"


async def start_review(
    client: Client,
    event: PspEvent,
    *,
    workflow_id: str,
    task_queue: str,
    summary: str,
    details: str | None = None,
    reuse: WorkflowIDReusePolicy = WorkflowIDReusePolicy.ALLOW_DUPLICATE,
    search_attributes: TypedSearchAttributes | None = None,
    hosted: Collection[str] | None = None,
    rpc_timeout: timedelta | None = None,
) -> None:
    """Start the review (or join the running one under that id)."""
    ensure_hosted(WORKFLOW_TYPE, hosted)
    await client.start_workflow(
        PaymentReviewWorkflow.run,
        event,
        id=workflow_id,
        task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=reuse,
        search_attributes=search_attributes or TypedSearchAttributes.empty,
        static_summary=summary,
        static_details=details,
        rpc_timeout=rpc_timeout,
    )
