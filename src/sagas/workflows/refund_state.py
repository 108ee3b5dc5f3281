"""The refund saga's input, result and ``state`` query model (kept apart so the API and
the reconciliation sweep can import them without the workflow)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, Field

from sagas.workflows.operator import Attention


class RefundInput(BaseModel):
    refund_id: str


class RefundResult(BaseModel):
    refund_id: str
    status: str  # succeeded | failed | pending (left to an operator)
    stage: str


class RefundState(BaseModel):
    MAX_EVENTS_KEPT: ClassVar[int] = 200

    refund_id: str
    stage: str = "loading"
    order_id: str | None = None
    gateway: str | None = None
    amount_minor: int | None = None
    currency: str | None = None
    gateway_refund_id: str | None = None
    psp_status: str | None = None
    status: str = "pending"
    created_at_psp: datetime | None = None
    deadline: datetime | None = None
    reads: int = 0
    events_seen: list[str] = Field(default_factory=list)
    attention: Attention = Field(default_factory=Attention)
