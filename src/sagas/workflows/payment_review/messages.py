"""The payment review's messages: its ``state`` query model and its result. Its input and
signal are the shared :class:`~sagas.domain.psp_events.PspEvent`, its update the shared
:class:`~sagas.workflows.operator.OperatorAction`."""

from __future__ import annotations

from pydantic import BaseModel, Field

from sagas.workflows.operator.attention import Attention


class ReviewState(BaseModel):
    stage: str = "inspecting"
    verdict: str | None = None
    checkout_id: str | None = None
    refund_id: str | None = None
    refund_status: str | None = None
    events_seen: list[str] = Field(default_factory=list)
    attention: Attention = Field(default_factory=Attention)
    resolution: str | None = None  # an operator's reason when they resolved a step

    def details(self) -> str:
        """The Temporal UI's current-details line (markdown)."""
        details = (
            f"**{self.stage}** · verdict {self.verdict} · checkout {self.checkout_id}"
            f" · refund {self.refund_id} ({self.refund_status})"
        )
        if self.attention.needed:
            details += f"\n\nNEEDS ATTENTION: {self.attention.reason}"
        elif self.resolution:
            details += f"\n\nresolved by an operator: {self.resolution}"
        return details


class ReviewResult(BaseModel):
    verdict: str  # late | held | open | not_settled | unknown
    refund_id: str | None = None
    refund_status: str | None = None
    resolution: str | None = None  # set when an operator resolved the review by hand
