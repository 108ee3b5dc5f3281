"""Inputs and results of the payment-review activities (late or orphan payments)."""

from __future__ import annotations

from pydantic import BaseModel

from sagas.domain.settlement import PaymentSnapshot


class ReviewFinding(BaseModel):
    """What the PSP and our records say about one payment."""

    verdict: str  # late | held | open | not_settled | unknown
    snapshot: PaymentSnapshot | None = None
    checkout_id: str | None = None
    order_id: str | None = None
    poll_interval_s: int = 60
    refund_deadline_s: int = 3 * 24 * 3600


class LatePayment(BaseModel):
    checkout_id: str
    snapshot: PaymentSnapshot
    workflow_id: str


class LateRefund(BaseModel):
    refund_id: str
    gateway: str
    payment_id: str  # the PSP payment (pi_ / pay_)
    amount_minor: int
    gateway_refund_id: str | None = None


class RefundOutcome(BaseModel):
    refund_id: str
    status: str  # pending | succeeded | failed
    order_status: str | None = None
