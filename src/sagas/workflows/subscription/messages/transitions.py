"""A status change an activity writes, with the billing period it records."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from sagas.workflows.subscription.messages.status import SubscriptionStatus


class PeriodRecord(BaseModel):
    period_index: int
    start: datetime
    end: datetime
    amount_minor: int
    currency: str
    payment_ref: str | None = None


class Transition(BaseModel):
    """One status change, written by an activity; ``None`` fields are left unchanged."""

    subscription_id: str
    status: SubscriptionStatus
    reason: str | None = None
    period: PeriodRecord | None = None
    grace_until: datetime | None = None
    clear_grace: bool = False
    cancel_at_period_end: bool | None = None
    cancelled_at: datetime | None = None
    #: Merged into what the payer sees (``payer``); an empty value removes the key.
    payer_details: dict[str, str] | None = None
    #: A merchant event to write in the same transaction (``subscription.<name>``).
    event: str | None = None
