"""Stages of a checkout and what the ``state`` query answers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from sagas.workflows.operator import Attention


class Stage(StrEnum):
    CREATED = "created"
    AWAITING_PAYMENT = "awaiting_payment"
    PROCESSING = "processing"  # the PSP is settling (e.g. bank debit): not money yet
    CAPTURING = "capturing"  # a Razorpay payment authorized for us is being captured
    PAID = "paid"
    FULFILLING = "fulfilling"
    FULFILLED = "fulfilled"
    EXPIRING = "expiring"  # deadline passed: last PSP read, then compensation
    CANCELLING = "cancelling"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    FAILED = "failed"


WAITING = {Stage.AWAITING_PAYMENT, Stage.PROCESSING, Stage.CAPTURING}
PAID_STAGES = {Stage.PAID, Stage.FULFILLING, Stage.FULFILLED}
CLOSED = {Stage.EXPIRED, Stage.CANCELLED, Stage.FAILED}


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
