"""Starting the refund saga (``refund-<refund id>``), from the API and from reconciliation.

The refund row exists before its saga starts; the saga's PSP call is keyed by the refund
id, so starting it twice never refunds twice.
"""

from __future__ import annotations

from collections.abc import Collection

from temporalio.client import Client
from temporalio.common import (
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import WorkflowAlreadyStartedError

from sagas.db.models.refunds import Refund
from sagas.settings import Settings
from sagas.starters.hosting import ensure_hosted
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.refund import RefundInput, RefundWorkflow

WORKFLOW_TYPE = "RefundWorkflow"


async def start_refund(client: Client, refund: Refund, settings: Settings) -> None:
    """Start ``refund-<id>`` (a running or finished one with that id is left alone)."""
    summary = f"Refund {refund.id}: {refund.amount_minor} {refund.currency} via {refund.gateway}"
    details = f"order {refund.order_id} · origin {refund.origin} · reason {refund.reason or '-'}"
    try:
        await _start(
            client, settings, refund, WorkflowIDReusePolicy.REJECT_DUPLICATE, summary, details
        )
    except WorkflowAlreadyStartedError:
        return  # it ran already: the row tells how it ended


async def restart_refund(
    client: Client, settings: Settings, refund: Refund, hosted: Collection[str] | None = None
) -> None:
    """Start the saga again under its own id (a closed run may be followed by another)."""
    ensure_hosted(WORKFLOW_TYPE, hosted)
    summary = (
        f"Refund {refund.id}: {refund.amount_minor} {refund.currency} (restarted by reconciliation)"
    )
    details = (
        f"order {refund.order_id} · pending since {refund.created_at.isoformat()}, no live workflow"
    )
    await _start(client, settings, refund, WorkflowIDReusePolicy.ALLOW_DUPLICATE, summary, details)


async def _start(
    client: Client,
    settings: Settings,
    refund: Refund,
    reuse: WorkflowIDReusePolicy,
    summary: str,
    details: str,
) -> None:
    await client.start_workflow(
        RefundWorkflow.run,
        RefundInput(refund_id=refund.id),
        id=refund.workflow_id,
        task_queue=settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=reuse,
        search_attributes=TypedSearchAttributes(
            initial_pairs(
                "refund",
                order_id=refund.order_id,
                gateway=refund.gateway,
                amount_minor=refund.amount_minor,
                currency=refund.currency,
            )
        ),
        static_summary=summary,
        static_details=details,
    )
