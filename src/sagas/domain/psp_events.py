"""A PSP webhook event, normalized: what every saga's ``psp_event`` signal carries.

The raw payload stays in the webhook audit log; workflows only get this small, typed
summary and still re-read the PSP before moving money state (the settlement gate). The
``event_id`` is the PSP's own id, which workflows keep to drop duplicate signals.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class Gateway(StrEnum):
    STRIPE = "stripe"
    RAZORPAY = "razorpay"


class PspEventKind(StrEnum):
    PAYMENT_SUCCEEDED = "payment_succeeded"  # pi.succeeded, payment.captured, order.paid
    PAYMENT_AUTHORIZED = "payment_authorized"  # razorpay payment.authorized, pi requires_capture
    PAYMENT_PROCESSING = "payment_processing"
    PAYMENT_FAILED = "payment_failed"
    PAYMENT_CANCELED = "payment_canceled"
    CHECKOUT_COMPLETED = "checkout_completed"  # checkout.session.completed
    CHECKOUT_EXPIRED = "checkout_expired"
    REFUND_UPDATED = "refund_updated"  # refund.*, charge.refunded
    INVOICE_PAID = "invoice_paid"
    INVOICE_PAYMENT_FAILED = "invoice_payment_failed"
    SUBSCRIPTION_UPDATED = "subscription_updated"
    SUBSCRIPTION_CANCELED = "subscription_canceled"
    DISPUTE_UPDATED = "dispute_updated"  # charge.dispute.*, payment.dispute.*
    OTHER = "other"


class PspEvent(BaseModel):
    """One PSP event. Ids that the event names are filled where present."""

    gateway: Gateway
    event_id: str
    event_type: str  # the PSP's own name, e.g. "payment_intent.succeeded"
    kind: PspEventKind
    object_id: str  # id of the event's main object (pi_, cs_, pay_, re_, in_, sub_ ...)
    occurred_at: datetime | None = None
    # Binding hints taken from the payload (never trusted alone: the saga re-reads the PSP).
    checkout_id: str | None = None  # from metadata / notes
    refund_id: str | None = None  # our refund id, from metadata / notes
    subscription_id: str | None = None  # our subscription id, from metadata / notes
    gateway_object_id: str | None = None  # pi_/cs_/plink_/order_ the payment belongs to
    payment_id: str | None = None  # pi_ / pay_
    gateway_refund_id: str | None = None
    gateway_subscription_id: str | None = None
    gateway_invoice_id: str | None = None
    gateway_dispute_id: str | None = None  # dp_ / disp_
    amount_minor: int | None = None
    currency: str | None = None
    status: str | None = None
    extra: dict[str, str] = Field(default_factory=dict)
