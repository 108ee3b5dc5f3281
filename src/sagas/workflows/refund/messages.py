"""The refund saga's messages: its input, result and ``state`` query model (apart from the
workflow so the API and the reconciliation sweep import them without it). Its signal is
the shared :class:`~sagas.domain.psp_events.PspEvent`, its update the shared
:class:`~sagas.workflows.operator.OperatorAction`."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, Field

from sagas.workflows.operator.attention import Attention


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

    def details(self) -> str:
        """The Temporal UI's current-details line (markdown)."""
        attention = (
            f" · **needs attention**: {self.attention.reason}" if self.attention.needed else ""
        )
        return (
            f"**{self.stage}** · refund {self.refund_id} ({self.status})"
            f" · {self.amount_minor} {self.currency} · order {self.order_id}"
            f" · {self.gateway} {self.gateway_refund_id} ({self.psp_status})"
            f" · reads {self.reads}{attention}"
        )
