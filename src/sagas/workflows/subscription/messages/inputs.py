"""What a subscription run starts from (continue-as-new carries it), and a bare reference."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SubscriptionInput(BaseModel):
    """What one run starts from; continue-as-new carries it to the next period.

    ``paid_marker`` is the PSP's mark of the last payment we confirmed (Stripe: the paid
    invoice id; Razorpay: its paid count), so a renewal is a *new* mark. ``seen_event_ids``
    holds the last period's events only, so the carried state stays small for years.
    ``seconds_per_day`` is the development time scale (``SAGAS_DEV_SECONDS_PER_DAY``;
    86400 = real calendar time), fixed at the start so every replay computes the same
    periods; see :mod:`.periods` for the rule.
    """

    subscription_id: str
    period_index: int = 0
    paid_marker: str | None = None
    seen_event_ids: list[str] = Field(default_factory=list)
    seconds_per_day: int = Field(default=86400, ge=1, le=86400)


class SubscriptionRef(BaseModel):
    subscription_id: str
