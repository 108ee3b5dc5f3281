"""A PaymentIntent's status as ours, and the statuses in which it can still be cancelled."""

from __future__ import annotations

from typing import Any

from sagas.domain.settlement import PaymentStatus

PI_CANCELABLE = {
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
}


def _status(pi: dict[str, Any]) -> PaymentStatus:
    status = pi.get("status")
    if status == "succeeded":
        return PaymentStatus.SETTLED
    if status == "requires_capture":
        return PaymentStatus.AUTHORIZED
    if status == "processing":
        return PaymentStatus.PROCESSING
    if status == "canceled":
        return PaymentStatus.CANCELED
    if status == "requires_payment_method" and pi.get("last_payment_error"):
        return PaymentStatus.FAILED
    return PaymentStatus.PENDING
