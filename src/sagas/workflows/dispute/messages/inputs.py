"""Who a dispute saga follows; the rest is carried over a continue-as-new."""

from __future__ import annotations

from pydantic import BaseModel, Field


class DisputeInput(BaseModel):
    """Who the saga follows; the rest is carried over a continue-as-new."""

    gateway: str
    gateway_dispute_id: str
    events_seen: list[str] = Field(default_factory=list)
    review_resolved: bool = False
    actions: int = 0
