"""RefundReopenedWorkflow's id, input, result and ``state`` model (importable by the
webhook pipeline without the workflow)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from sagas.workflows.operator.attention import Attention

WORKFLOW_NAME = "RefundReopenedWorkflow"


def reopen_workflow_id(refund_id: str) -> str:
    return f"refund-reopened-{refund_id}"


class RefundReopenInput(BaseModel):
    refund_id: str


class RefundReopenState(BaseModel):
    refund_id: str
    stage: str = "reading"
    order_id: str | None = None
    gateway_refund_id: str | None = None
    psp_status: str | None = None
    reopened: bool = False
    order_status: str | None = None
    events_seen: list[str] = Field(default_factory=list)
    attention: Attention = Field(default_factory=Attention)


class RefundReopenResult(BaseModel):
    refund_id: str
    reopened: bool
    stage: str
