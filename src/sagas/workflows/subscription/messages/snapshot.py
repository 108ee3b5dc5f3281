"""The subscription row and its plan, as the workflow needs them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from sagas.workflows.subscription.messages.status import SubscriptionStatus


class Snapshot(BaseModel):
    """The subscription row and its plan, as the workflow needs them."""

    subscription_id: str
    customer_id: str
    plan_id: str
    gateway: str | None
    status: SubscriptionStatus
    price_minor: int
    currency: str
    interval: str
    interval_count: int
    gateway_subscription_id: str | None
    current_period_start: datetime | None
    current_period_end: datetime | None
    trial_end: datetime | None
    cancel_at_period_end: bool
    poll_interval_s: int
    payment_deadline_s: int
    dunning_schedule_s: list[int]
    gateway_plan_ref: str | None = None  # the plan's PSP price/plan id, once created
    #: A ``past_due`` row's grace deadline (None: not past due, or the grace is over); a
    #: run restarted in dunning keeps it rather than granting a fresh one.
    grace_until: datetime | None = None
