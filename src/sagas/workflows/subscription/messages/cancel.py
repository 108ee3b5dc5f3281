"""The ``cancel`` update: what it asks and what it answers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from sagas.workflows.subscription.messages.status import SubscriptionStatus


class CancelRequest(BaseModel):
    at_period_end: bool = False
    reason: str | None = Field(default=None, max_length=500)


class CancelResult(BaseModel):
    status: SubscriptionStatus
    cancel_at_period_end: bool
    current_period_end: datetime | None = None
