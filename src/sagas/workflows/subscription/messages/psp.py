"""The PSP-side activities' inputs and results: payer details, reads, cancels, charge retries."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PayerDetails(BaseModel):
    gateway_subscription_id: str
    details: dict[str, str] = Field(default_factory=dict)
    plan_ref: str | None = None  # the PSP price/plan it bills: payments must be on it


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
