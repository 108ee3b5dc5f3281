"""The subscription saga's typed inputs, results and state: pure data, no I/O.

Activities, the gateway adapters and the API share these models, so the workflow module
imports nothing that touches a database or a PSP.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from sagas.workflows.operator import Attention


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    TRIALING = "trialing"
    PENDING_PAYMENT = "pending_payment"
    PAST_DUE = "past_due"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


TERMINAL = frozenset({SubscriptionStatus.CANCELLED, SubscriptionStatus.EXPIRED})


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


class PayerDetails(BaseModel):
    gateway_subscription_id: str
    details: dict[str, str] = Field(default_factory=dict)
    plan_ref: str | None = None  # the PSP price/plan it bills: payments must be on it


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


class ReadInput(BaseModel):
    gateway: str
    gateway_subscription_id: str


class CancelAtPspInput(BaseModel):
    subscription_id: str
    at_period_end: bool = False


class CancelAtPspResult(BaseModel):
    psp_status: str | None = None  # None: there was no PSP object to cancel


class RetryPaymentInput(BaseModel):
    """A dunning check's charge retry; ``retry_index`` (1-based, per failed renewal) goes
    into the PSP idempotency key, so a retried activity never charges twice."""

    subscription_id: str
    gateway: str
    gateway_subscription_id: str
    retry_index: int


class RetryPaymentResult(BaseModel):
    attempted: bool  # False: nothing to charge (no open invoice, or the PSP retries itself)
    paid: bool = False
    invoice_id: str | None = None
    detail: str | None = None  # the PSP's reason for a decline, or why nothing was tried


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


class CancelRequest(BaseModel):
    at_period_end: bool = False
    reason: str | None = Field(default=None, max_length=500)


class CancelResult(BaseModel):
    status: SubscriptionStatus
    cancel_at_period_end: bool
    current_period_end: datetime | None = None


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
