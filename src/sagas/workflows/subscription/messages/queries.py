"""What the ``gateway_ready`` update and the ``state`` query answer."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from sagas.workflows.operator.attention import Attention
from sagas.workflows.subscription.messages.psp import PayerDetails
from sagas.workflows.subscription.messages.status import SubscriptionStatus


class GatewayReady(BaseModel):
    """What the ``gateway_ready`` update answers: the payer details, or why there are none."""

    status: SubscriptionStatus
    payer: PayerDetails | None = None
    error: str | None = None


class SubscriptionState(BaseModel):
    """The ``state`` query."""

    subscription_id: str
    stage: str
    status: SubscriptionStatus | None = None
    period_index: int = 0
    current_period_end: datetime | None = None
    next_dunning_at: datetime | None = None
    gateway_subscription_id: str | None = None
    cancel_at_period_end: bool = False
    events_seen: int = 0
    attention: Attention = Field(default_factory=Attention)
