"""A PSP's word on a subscription, normalized across gateways: what the gateway adapters
answer and the subscription saga decides on (pure data, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel


class PspView(BaseModel):
    """The PSP's own word on a subscription, normalized across gateways."""

    gateway_subscription_id: str
    psp_status: str
    paid_marker: str | None = None  # set only when the latest charge is paid
    paid_amount_minor: int | None = None
    paid_currency: str | None = None
    plan_ref: str | None = None  # the PSP price/plan the subscription is on
    payment_failed: bool = False  # latest charge attempted and failed
    ended: bool = False  # cancelled / expired / completed at the PSP
    #: The latest charge waits for the payer (3-D Secure off-session); they complete it
    #: on ``pay_url`` (Stripe's hosted invoice page).
    action_required: bool = False
    pay_url: str | None = None


class RetryPaymentResult(BaseModel):
    attempted: bool  # False: nothing to charge (no open invoice, or the PSP retries itself)
    paid: bool = False
    invoice_id: str | None = None
    detail: str | None = None  # the PSP's reason for a decline, or why nothing was tried


@dataclass(frozen=True)
class PlanTerms:
    """A plan as a PSP bills it: what a gateway needs to create its price or plan."""

    plan_id: str
    name: str
    amount_minor: int
    currency: str
    interval: str
    interval_count: int


class SubscriptionRequest(BaseModel):
    """A subscription to open at the PSP on the plan's PSP price / plan ``plan_ref``.
    ``subscription_id`` (ours) is its idempotency key, or the note an earlier attempt's is
    found by; ``gateway_customer_id`` is the customer's PSP customer (None: none yet);
    with ``trial_end`` the PSP's own trial collects the card now and charges it then."""

    subscription_id: str
    customer_id: str
    plan_ref: str
    plan: PlanTerms
    gateway_customer_id: str | None = None
    trial_end: datetime | None = None


class SubscriptionCancel(BaseModel):
    """Cancel a PSP subscription now or at the end of its current period."""

    gateway_subscription_id: str
    at_period_end: bool

    @property
    def idempotency_key(self) -> str:
        """The PSP's key for this cancellation, from the subscription's PSP id."""
        when = "-at-period-end" if self.at_period_end else ""
        return f"{self.gateway_subscription_id}-cancel{when}"
