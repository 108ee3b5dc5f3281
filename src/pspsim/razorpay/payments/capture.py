"""`POST /v1/payments/{id}/capture`: the full authorized amount in the payment's currency,
once, and never for an order already paid."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import req_int
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.orders.lookup import get as get_order
from pspsim.razorpay.payments.captured import mark_captured
from pspsim.razorpay.payments.lookup import get_payment
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def capture(sim: Sim, payment_id: str, params: dict[str, Any]) -> Obj:
    payment = get_payment(sim, payment_id)
    amount = req_int(params, "amount")
    currency = params.get("currency")
    if not currency:
        raise bad_request("The currency field is required.", "currency")
    if payment["status"] == "captured":
        raise bad_request("This payment has already been captured")
    if payment["status"] != "authorized":
        raise bad_request(
            "Only payments which have been authorized and not yet captured can be captured"
        )
    if amount != payment["amount"]:
        raise bad_request("Capture amount must be equal to the amount authorized", "amount")
    if str(currency).upper() != payment["currency"]:
        raise bad_request("The currency should be same as the payment currency", "currency")
    if payment["order_id"] and get_order(sim, payment["order_id"])["status"] == "paid":
        raise bad_request(
            "Your payment has been declined as the order is already paid. The amount will be "
            "refunded to you."
        )
    return mark_captured(sim, payment)
