"""What a dispute saga returns when it ends."""

from __future__ import annotations

from pydantic import BaseModel


class DisputeResult(BaseModel):
    dispute_id: str | None
    status: str | None
    stage: str
