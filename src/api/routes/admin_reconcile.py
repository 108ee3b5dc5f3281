"""``POST /v1/admin/reconcile``: run the reconciliation sweep now and answer its report.

The sweep is the same :class:`ReconciliationWorkflow` the schedule runs, started with the
id ``reconcile-manual-<uuid>`` (so it shows in the Temporal UI next to the scheduled
ones). The route waits for it up to ``wait_s`` (60 s by default): 200 with the report
when it finished, 202 with the workflow id when it is still running (read it later in
the UI, or query its ``state``).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field, model_validator
from temporalio.client import WorkflowFailureError
from temporalio.common import TypedSearchAttributes

from api.deps import AdminOnly, SettingsDep, TemporalDep
from api.errors import ApiError
from api.schemas.common.swaps import refuse_bool_number_swaps
from sagas.temporal.search_attributes import initial_pairs
from sagas.workflows.reconciliation import ReconcileInput, ReconcileReport
from sagas.workflows.reconciliation.schedule import SWEEP_TIMEOUT

router = APIRouter(prefix="/v1/admin", tags=["admin"])


class ReconcileRequest(ReconcileInput):
    """The sweep's thresholds (all optional) and how long to wait for its report."""

    model_config = {"extra": "forbid"}

    # Strict: `false` or "60" is not a number of seconds (the schema says number).
    wait_s: float = Field(default=60, ge=0, le=120, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _no_swaps(cls, data: Any) -> Any:
        return refuse_bool_number_swaps(cls, data)


class ReconcileOut(BaseModel):
    workflow_id: str
    status: Literal["completed", "running"]
    report: ReconcileReport | None = None


@router.post(
    "/reconcile",
    summary="Run the reconciliation sweep now and return its report (admin)",
    responses={202: {"model": ReconcileOut, "description": "still running after wait_s"}},
)
async def reconcile_now(
    _: AdminOnly,
    client: TemporalDep,
    settings: SettingsDep,
    response: Response,
    body: ReconcileRequest | None = None,
) -> ReconcileOut:
    req = body or ReconcileRequest()
    workflow_id = f"reconcile-manual-{uuid.uuid4()}"
    handle = await client.start_workflow(
        "ReconciliationWorkflow",
        ReconcileInput(**req.model_dump(exclude={"wait_s"})),
        id=workflow_id,
        task_queue=settings.temporal_task_queue,
        execution_timeout=SWEEP_TIMEOUT,
        search_attributes=TypedSearchAttributes(initial_pairs("reconciliation")),
        static_summary="Reconciliation sweep (manual, POST /v1/admin/reconcile)",
        result_type=ReconcileReport,
    )
    try:
        report = await asyncio.wait_for(handle.result(), timeout=req.wait_s)
    except TimeoutError:
        response.status_code = 202
        return ReconcileOut(workflow_id=workflow_id, status="running")
    except WorkflowFailureError as err:
        raise ApiError(
            503,
            "reconciliation_failed",
            "the sweep failed; its workflow's history says why",
            {"workflow_id": workflow_id},
        ) from err
    return ReconcileOut(workflow_id=workflow_id, status="completed", report=report)
