"""The ``state`` query's model, and the Temporal UI's details line."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, Field

from sagas.workflows.operator.attention import Attention


class DisputeState(BaseModel):
    MAX_EVENTS_KEPT: ClassVar[int] = 200

    gateway: str
    gateway_dispute_id: str
    stage: str = "reading"
    dispute_id: str | None = None
    order_id: str | None = None
    amount_minor: int | None = None
    currency: str | None = None
    status: str | None = None
    psp_status: str | None = None
    evidence_due_by: datetime | None = None
    evidence_submitted: bool = False
    accepted: bool = False
    needs_review: bool = False
    review_resolved: bool = False
    syncs: int = 0
    events_seen: list[str] = Field(default_factory=list)
    attention: Attention = Field(default_factory=Attention)

    @property
    def awaiting_review(self) -> bool:
        """A dispute on a payment we do not know, not reviewed yet."""
        return self.needs_review and not self.review_resolved

    @property
    def answering(self) -> bool:
        """The dispute awaits our answer (evidence or acceptance)."""
        return self.status == "needs_response" and not (self.evidence_submitted or self.accepted)

    def details(self) -> str:
        """The Temporal UI's current-details line (markdown), deadline first."""
        due = (
            f"**evidence due by {self.evidence_due_by.isoformat()}** · "
            if self.status == "needs_response" and self.evidence_due_by
            else ""
        )
        attention = (
            f" · **needs attention**: {self.attention.reason}" if self.attention.needed else ""
        )
        return (
            f"{due}**{self.stage}** · dispute {self.dispute_id} ({self.gateway} "
            f"{self.gateway_dispute_id}, {self.psp_status}) · {self.amount_minor} "
            f"{self.currency} · order {self.order_id or 'unknown'} · reads {self.syncs}{attention}"
        )
