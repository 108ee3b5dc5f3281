"""Dispute read model and the two answers a merchant gives (CONTRACT section 13)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.schemas.common.bases import Output, StrictInput


class DisputeOut(Output):
    id: str
    order_id: str | None = Field(description="null while the payment is unknown to us")
    gateway: str
    gateway_dispute_id: str
    gateway_payment_id: str | None
    amount: int = Field(description="integer minor units")
    currency: str
    reason: str | None
    status: str = Field(description="needs_response, under_review, won or lost")
    evidence_due_by: datetime | None
    evidence_submitted_at: datetime | None
    accepted_at: datetime | None
    needs_review: bool = Field(description="a dispute for a payment we do not know")
    withdrawn: int = Field(description="what the PSP took from the balance (minor units)")
    reinstated: int = Field(description="what it gave back (minor units)")
    workflow_id: str
    created_at: datetime
    closed_at: datetime | None


class EvidenceIn(StrictInput):
    text: str = Field(
        min_length=1,
        max_length=20_000,
        description="the merchant's case (Stripe evidence[uncategorized_text]; Razorpay "
        "contest summary, at most 1000 characters there)",
    )
    submit: bool = Field(default=True, description="send it to the bank now (else a draft)")


class AcceptIn(StrictInput):
    reason: str = Field(default="", max_length=500)
