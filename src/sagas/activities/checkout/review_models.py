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
    """The refund opened for a late payment; ``workflow_id`` is its RefundWorkflow's id."""

    refund_id: str
    workflow_id: str
    amount_minor: int
