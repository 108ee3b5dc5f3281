"""A PSP refund as the refund saga sees it, and the pure status mapping of both PSPs.

Stripe's refund ``status`` is a free string (``pending``, ``requires_action``,
``succeeded``, ``failed``, ``canceled``); Razorpay's is ``pending`` / ``processed`` /
``failed``. Anything unknown is treated as still pending: the saga keeps asking until the
PSP says something final, and an operator looks at it past the deadline.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class RefundStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


STRIPE_STATUSES = {
    "pending": RefundStatus.PENDING,
    "requires_action": RefundStatus.PENDING,
    "succeeded": RefundStatus.SUCCEEDED,
    "failed": RefundStatus.FAILED,
    "canceled": RefundStatus.FAILED,
}
RAZORPAY_STATUSES = {
    "pending": RefundStatus.PENDING,
    "processed": RefundStatus.SUCCEEDED,
    "failed": RefundStatus.FAILED,
}


def stripe_refund_status(raw: str | None) -> RefundStatus:
    return STRIPE_STATUSES.get(raw or "", RefundStatus.PENDING)


def razorpay_refund_status(raw: str | None) -> RefundStatus:
    return RAZORPAY_STATUSES.get(raw or "", RefundStatus.PENDING)


class RefundRequest(BaseModel):
    """A refund to make at the PSP. ``refund_id`` (ours) is its idempotency key;
    ``amount_minor`` is in ISO minor units of ``currency`` (None: the payment's own, for a
    PSP that needs no conversion)."""

    payment_id: str  # pi_ / ch_ / pay_ it refunds
    amount_minor: int
    refund_id: str
    order_id: str
    currency: str | None = None


class PspRefund(BaseModel):
    """One refund object as read from the PSP (create answer or a later read)."""

    gateway: str
    gateway_refund_id: str
    status: RefundStatus
    raw_status: str | None
    amount_minor: int
    currency: str
    payment_id: str | None = None  # pi_ / pay_ it refunds
    refund_id: str | None = None  # our id, from metadata / notes
    failure_reason: str | None = None
