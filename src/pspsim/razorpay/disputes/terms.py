"""Razorpay's dispute vocabulary: the open statuses, the proofs a merchant may upload,
the contest call's fields and the response window."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


RESPONSE_WINDOW_DAYS = 7  # on the simulator clock's day
OPEN = ("open", "under_review")
PROOFS = (
    "shipping_proof",
    "billing_proof",
    "cancellation_proof",
    "customer_communication",
    "proof_of_service",
    "explanation_letter",
    "refund_confirmation",
    "access_activity_log",
    "refund_cancellation_policy",
    "term_and_conditions",
)
CONTEST_FIELDS = {"amount", "summary", "others", "action", *PROOFS}
SUMMARY_MAX = 1000
