"""WebhookRetentionWorkflow's input, ``state`` query model and result."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class RetentionInput(BaseModel):
    retention_days: int | None = Field(default=None, ge=0)
    batch_size: int = Field(default=500, ge=1, le=10_000)
    max_batches: int = Field(default=200, ge=1, le=100_000)


class RetentionState(BaseModel):
    stage: str = "sweeping"
    cutoff: datetime | None = None
    batches: int = 0
    deliveries_deleted: int = 0
    events_deleted: int = 0


class RetentionResult(BaseModel):
    cutoff: datetime | None
    batches: int
    deliveries_deleted: int
    events_deleted: int
    complete: bool = Field(description="False when max_batches stopped it early")
