"""The Temporal side of reconciliation: is a saga's workflow running, and nudging one
through its own ``psp_event`` signal.

Restarts go through each saga's starter (:mod:`sagas.starters`): the business-key id with
``USE_EXISTING``, so two sweeps (the schedule and a manual run) that repair the same case
meet on the same workflow instead of starting two, and a workflow type this worker does
not host is never started (it would sit forever with failing tasks); the repair reports it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from temporalio.client import Client, WorkflowExecutionStatus
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


async def nudge(client: Client, workflow_id: str, event: PspEvent) -> bool:
    """Send the saga a ``psp_event`` so it re-reads the PSP; False if it is not running."""
    try:
        await client.get_workflow_handle(workflow_id).signal("psp_event", event)
    except RPCError as err:
        if err.status == RPCStatusCode.NOT_FOUND:
            return False
        raise
    return True
