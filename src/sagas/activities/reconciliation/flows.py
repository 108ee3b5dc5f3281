"""The Temporal side of reconciliation: is a saga's workflow running, and (re)starting or
nudging one through its own messages.

Every start uses the saga's business-key id with ``USE_EXISTING``: two sweeps (the
schedule and a manual run) that repair the same case meet on the same workflow instead of
starting two. A workflow type this worker does not host is never started by name (it would
sit forever with failing tasks); the repair reports it instead.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import (
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.service import RPCError, RPCStatusCode

from sagas.domain.psp_events import PspEvent


class FlowStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"  # ended by its own logic: it decided
    ENDED = "ended"  # failed, terminated, cancelled or timed out: nobody decided
    MISSING = "missing"


async def flow_status(client: Client, workflow_id: str) -> FlowStatus:
    return (await describe_flow(client, workflow_id))[0]


async def describe_flow(client: Client, workflow_id: str) -> tuple[FlowStatus, datetime | None]:
    """The latest run's status and when that run started (None when there is none)."""
    try:
        desc = await client.get_workflow_handle(workflow_id).describe()
    except RPCError as err:
        if err.status == RPCStatusCode.NOT_FOUND:
            return FlowStatus.MISSING, None
        raise
    if desc.status == WorkflowExecutionStatus.RUNNING:
        return FlowStatus.RUNNING, desc.start_time
    if desc.status == WorkflowExecutionStatus.COMPLETED:
        return FlowStatus.COMPLETED, desc.start_time
    return FlowStatus.ENDED, desc.start_time


def hosted_workflow_types() -> set[str]:
    """Names of the workflow types the worker hosts (the registry is the source)."""
    from sagas import registry  # lazy: the registry imports every saga

    names: set[str] = set()
    for cls in registry.workflows():
        defn = getattr(cls, "__temporal_workflow_definition", None)
        names.add(getattr(defn, "name", None) or cls.__name__)
    return names


class NotHosted(Exception):
    """The workflow type a repair needs is not hosted by this deployment's workers."""


async def start_by_name(
    client: Client,
    workflow_type: str,
    arg: Any,
    *,
    workflow_id: str,
    task_queue: str,
    reuse: WorkflowIDReusePolicy,
    search_attributes: TypedSearchAttributes | None = None,
    summary: str,
    details: str = "",
) -> None:
    if workflow_type not in hosted_workflow_types():
        raise NotHosted(f"{workflow_type} is not hosted by this worker")
    await client.start_workflow(
        workflow_type,
        arg,
        id=workflow_id,
        task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=reuse,
        search_attributes=search_attributes or TypedSearchAttributes.empty,
        static_summary=summary,
        static_details=details or None,
    )


async def nudge(client: Client, workflow_id: str, event: PspEvent) -> bool:
    """Send the saga a ``psp_event`` so it re-reads the PSP; False if it is not running."""
    try:
        await client.get_workflow_handle(workflow_id).signal("psp_event", event)
    except RPCError as err:
        if err.status == RPCStatusCode.NOT_FOUND:
            return False
        raise
    return True
