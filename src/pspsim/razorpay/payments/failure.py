"""A failed payment, with the error fields Razorpay Checkout reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def fail(sim: Sim, payment: Obj) -> Obj:
    payment.update(
        status="failed",
        error_code="BAD_REQUEST_ERROR",
        error_description="Payment processing failed because of incorrect OTP",
        error_source="customer",
        error_step="payment_authentication",
        error_reason="payment_failed",
    )
    events.emit(sim, "payment.failed", {"payment": payment})
    return payment
