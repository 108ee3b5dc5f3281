"""Plans, subscriptions and entitlements on the wire (CONTRACT section 3).

A plan's period is at most one year in total (Stripe's limit: 365 days, 52 weeks, 12
months or 1 year), a trial at most 730 days, and a free plan has no trial (there is
nothing to try before paying).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from api.schemas.common.bases import Output, StrictInput
from api.schemas.common.money import CurrencyCode, MinorUnits

Interval = Literal["day", "week", "month", "year"]
GatewayName = Literal["stripe", "razorpay"]
Ident = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:@\-]+$")]
_MAX_COUNT = {"day": 365, "week": 52, "month": 12, "year": 1}


class PlanCreate(StrictInput):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    price: MinorUnits
    currency: CurrencyCode
    interval: Interval
    interval_count: Annotated[int, Field(strict=True, ge=1, le=365)] = 1
    trial_days: Annotated[int, Field(strict=True, ge=0, le=730)] = 0

    @model_validator(mode="after")
    def _limits(self) -> PlanCreate:
        if self.interval_count > _MAX_COUNT[self.interval]:
            raise ValueError(
                f"interval_count for {self.interval} is at most {_MAX_COUNT[self.interval]}"
            )
        if self.price == 0 and self.trial_days:
            raise ValueError("a free plan has no trial")
        return self


class PlanOut(Output):
    id: str
    name: str
    price: int
    currency: str
    interval: str
    interval_count: int
    trial_days: int
    free: bool
    active: bool
    created_at: datetime


class SubscriptionCreate(StrictInput):
    customer_id: Ident
    plan_id: Ident
    gateway: GatewayName | None = Field(default=None, description="required for a paid plan")


class SubscriptionCancel(StrictInput):
    at_period_end: bool = False
    reason: Annotated[str | None, Field(max_length=500)] = None


class SubscriptionOut(Output):
    id: str
    status: str
    status_reason: str | None
    customer_id: str
    plan_id: str
    gateway: str | None
    amount: int
    currency: str
    gateway_subscription_id: str | None
    payer: dict[str, str] = Field(description="what the payer needs: client secret, URL, ids")
    current_period_start: datetime | None
    current_period_end: datetime | None
    trial_end: datetime | None
    grace_until: datetime | None
    cancel_at_period_end: bool
    cancelled_at: datetime | None
    workflow_id: str
    created_at: datetime


class EntitlementOut(Output):
    plan_id: str
    plan_name: str
    subscription_id: str
    status: str
    until: datetime | None


class EntitlementsOut(Output):
    customer_id: str
    entitlements: list[EntitlementOut]
