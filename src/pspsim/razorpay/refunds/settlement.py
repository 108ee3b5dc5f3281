"""A pending refund settling: `processed` (with its ARN), or `failed`, which puts the
amount back on the payment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.payments.lookup import get_payment
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def settle(sim: Sim, refund: Obj, outcome: str) -> Obj:
    if refund["_settled"]:
        raise bad_request(f"Refund {refund['id']} is already {refund['status']}.")
    refund["_settled"] = True
    payment = get_payment(sim, refund["payment_id"])
    if outcome == "succeed":
        refund["status"] = "processed"
        refund["acquirer_data"] = {"arn": sim.ids.token(14).upper()}
        events.emit(sim, "refund.processed", {"refund": refund, "payment": payment})
        return refund
    refund["status"] = "failed"
    payment["amount_refunded"] -= refund["amount"]
    payment["refund_status"] = "partial" if payment["amount_refunded"] else None
    if payment["status"] == "refunded":
        payment["status"] = "captured"
    events.emit(sim, "refund.failed", {"refund": refund, "payment": payment})
    return refund
