"""MerchantWebhookDispatcherWorkflow's input and ``state`` query model."""

from __future__ import annotations

from pydantic import BaseModel, Field


class DispatcherInput(BaseModel):
    run_for_s: float = Field(default=300.0, gt=0)
    runs_per_execution: int = Field(default=100, ge=1)


class DispatcherState(BaseModel):
    runs: int = 0
    attempted: int = 0
    succeeded: int = 0
    failed_outstanding: int = 0
