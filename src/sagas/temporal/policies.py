"""Named retry policies and timeouts: every activity call names one of these.

Business outcomes (a declined card, an amount mismatch, a validation error) are raised as
non-retryable ``ApplicationError`` types listed in ``BUSINESS_ERRORS``; everything else
(network, PSP 5xx, a database blip) retries.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio.common import RetryPolicy

BUSINESS_ERRORS = [
    "PspRejected",
    "SettlementRejected",
    "ValidationFailed",
    "NotFound",
    "Conflict",
]

# A PSP call: quick retries with backoff for a minute or two, then the saga decides.
PSP_CALL = RetryPolicy(
    initial_interval=timedelta(milliseconds=500),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=20),
    maximum_attempts=8,
    non_retryable_error_types=BUSINESS_ERRORS,
)
PSP_CALL_TIMEOUT = timedelta(seconds=30)

# Our own database: retried longer; a DB outage must not fail a saga that took money.
DB_WRITE = RetryPolicy(
    initial_interval=timedelta(milliseconds=200),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=20,
    non_retryable_error_types=BUSINESS_ERRORS,
)
DB_WRITE_TIMEOUT = timedelta(seconds=20)

# Compensation: retried generously; when it finally fails the saga sets NeedsAttention.
COMPENSATION = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=2),
    maximum_attempts=15,
    non_retryable_error_types=BUSINESS_ERRORS,
)

# Fulfilment: retried until it succeeds or an operator steps in (no attempt cap).
FULFILMENT = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=5),
    maximum_attempts=0,
    non_retryable_error_types=BUSINESS_ERRORS,
)
