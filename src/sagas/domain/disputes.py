"""Disputes (chargebacks) in the product's words, whichever PSP reports them.

:class:`PspDispute` is what a gateway answers when it reads, contests or accepts a
dispute: amounts in minor units, the currency upper-case, the status mapped onto ours:

- ``needs_response``: the merchant may still answer (Stripe ``needs_response`` /
  ``warning_needs_response``; Razorpay ``open`` / ``action_required``);
- ``under_review``: evidence is with the bank;
- ``won`` / ``lost``: final. Stripe's ``warning_closed`` (an inquiry that never became a
  chargeback) and a Razorpay ``closed`` with nothing deducted count as ``won``.

``withdrawn_minor`` / ``reinstated_minor`` are what the PSP took from and gave back to the
merchant's balance for this dispute so far (Stripe's balance transactions; Razorpay's
``amount_deducted``), which is what the ledger follows.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel


class DisputeStatus(StrEnum):
    NEEDS_RESPONSE = "needs_response"
    UNDER_REVIEW = "under_review"
    WON = "won"
    LOST = "lost"

    @property
    def final(self) -> bool:
        return self in (DisputeStatus.WON, DisputeStatus.LOST)


#: Order statuses a dispute moves an order through (CONTRACT section 13).
ORDER_DISPUTED = "disputed"
ORDER_CHARGED_BACK = "charged_back"
#: Statuses only a dispute's outcome moves (a refund that lands meanwhile leaves them).
DISPUTE_ORDER_STATUSES = frozenset({ORDER_DISPUTED, ORDER_CHARGED_BACK})


def status_after_win(before: str, *, refunded_minor: int, captured_minor: int) -> str:
    """What a won dispute gives the order back: its status before, counting a refund
    (opened before the dispute) that succeeded while it stood."""
    if captured_minor > 0 and refunded_minor >= captured_minor:
        return "refunded"
    if refunded_minor > 0 and before not in ("refunded", "partially_refunded"):
        return "partially_refunded"
    return before


#: Dispute statuses that hold the disputed money: never refunded while one stands.
HOLDING = frozenset({DisputeStatus.NEEDS_RESPONSE.value, DisputeStatus.UNDER_REVIEW.value})


class PspDispute(BaseModel):
    gateway: str
    gateway_dispute_id: str
    gateway_payment_id: str | None
    amount_minor: int
    currency: str
    reason: str | None
    status: DisputeStatus
    raw_status: str
    evidence_due_by: datetime | None
    evidence_submitted: bool
    withdrawn_minor: int = 0
    reinstated_minor: int = 0


def stripe_dispute_status(raw: str | None) -> DisputeStatus:
    return {
        "needs_response": DisputeStatus.NEEDS_RESPONSE,
        "warning_needs_response": DisputeStatus.NEEDS_RESPONSE,
        "under_review": DisputeStatus.UNDER_REVIEW,
        "warning_under_review": DisputeStatus.UNDER_REVIEW,
        "won": DisputeStatus.WON,
        "warning_closed": DisputeStatus.WON,
        "lost": DisputeStatus.LOST,
    }.get(raw or "", DisputeStatus.NEEDS_RESPONSE)


def razorpay_dispute_status(raw: str | None, amount_deducted: int) -> DisputeStatus:
    if raw == "closed":
        return DisputeStatus.LOST if amount_deducted > 0 else DisputeStatus.WON
    return {
        "open": DisputeStatus.NEEDS_RESPONSE,
        "action_required": DisputeStatus.NEEDS_RESPONSE,
        "under_review": DisputeStatus.UNDER_REVIEW,
        "won": DisputeStatus.WON,
        "lost": DisputeStatus.LOST,
    }.get(raw or "", DisputeStatus.NEEDS_RESPONSE)
