"""Stages of a checkout and what the ``state`` query answers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from sagas.workflows.operator.attention import Attention


class Stage(StrEnum):
    CREATED = "created"
    AWAITING_PAYMENT = "awaiting_payment"
    PROCESSING = "processing"  # the PSP is settling (e.g. bank debit): not money yet
    CAPTURING = "capturing"  # a Razorpay payment authorized for us is being captured
    AUTHORIZED = "authorized"  # manual capture: held for the merchant to capture or void
    VOIDING = "voiding"
    PAID = "paid"
    FULFILLING = "fulfilling"
    FULFILLED = "fulfilled"
    EXPIRING = "expiring"  # deadline passed: last PSP read, then compensation
    CANCELLING = "cancelling"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    FAILED = "failed"
    VOIDED = "voided"  # manual capture released (by the merchant, or the hold ran out)


WAITING = {Stage.AWAITING_PAYMENT, Stage.PROCESSING, Stage.CAPTURING}
PAID_STAGES = {Stage.PAID, Stage.FULFILLING, Stage.FULFILLED}
CLOSED = {Stage.EXPIRED, Stage.CANCELLED, Stage.FAILED, Stage.VOIDED}
HELD = {Stage.AUTHORIZED, Stage.VOIDING}  # accepted by the gate, money not yet captured


class RejectionRecord(BaseModel):
    payment_id: str
    reason: str
    detail: str
    at: datetime


class CheckoutState(BaseModel):
    checkout_id: str
    order_id: str
    stage: Stage
    gateway: str
    flow: str
    amount_minor: int
    currency: str
    expires_at: datetime
    gateway_object_id: str | None = None
    payment_id: str | None = None
    reason: str | None = None
    rejections: list[RejectionRecord] = Field(default_factory=list)
    events_seen: int = 0
    psp_reads: int = 0
    runs: int = 1  # this run's number: waiting checkouts continue-as-new now and then
    attention: Attention = Field(default_factory=Attention)
    processing_since: datetime | None = None  # when the PSP first said `processing`
    next_action_url: str | None = None  # the payer's 3-D Secure page, while it is needed
    authorized_at: datetime | None = None  # manual capture: when the gate accepted it
    authorized_minor: int | None = None  # manual capture: what the PSP holds for us
    hold_until: datetime | None = None  # manual capture: voided unless captured by then
    captured_minor: int | None = None  # manual capture: what the merchant kept
