"""Stripe's dispute vocabulary: the reasons a cardholder gives, the open statuses, the
response window and the fee Stripe charges per dispute."""

REASONS = (
    "bank_cannot_process",
    "check_returned",
    "credit_not_processed",
    "customer_initiated",
    "debit_not_authorized",
    "duplicate",
    "fraudulent",
    "general",
    "incorrect_account_details",
    "insufficient_funds",
    "noncompliant",
    "product_not_received",
    "product_unacceptable",
    "subscription_canceled",
    "unrecognized",
)
OPEN = ("needs_response", "under_review", "warning_needs_response", "warning_under_review")
RESPONDABLE = ("needs_response", "warning_needs_response")
RESPONSE_WINDOW_DAYS = 7  # on the simulator clock's day
DISPUTE_FEE = 1500
