"""A subscription's payments: a charge of its plan amount, captured at once when the card
pays, or a future start's ₹5 authorisation (Razorpay refunds it by itself). Razorpay
signs such payments `payment_id|subscription_id`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.payments import captured, entities, failure
from pspsim.razorpay.plans import get_plan
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

#: What a future-start subscription's authentication transaction charges (₹5, refunded).
AUTH_AMOUNT = 500


def charge(sim: Sim, sub: Obj, succeed: bool, amount: int | None = None) -> Obj:
    plan = get_plan(sim, sub["plan_id"])
    payment = entities.new_payment(
        sim,
        amount=plan["item"]["amount"] * sub["quantity"] if amount is None else amount,
        currency=plan["item"]["currency"],
        order=None,
        note=sub["notes"],
    )
    payment["invoice_id"] = sim.ids.razorpay("inv")
    payment["description"] = f"Subscription {sub['id']}"
    payment["customer_id"] = sub["customer_id"]
    if not succeed:
        return failure.fail(sim, payment)
    payment["status"] = "authorized"
    return captured.mark_captured(sim, payment)


def authorisation(sim: Sim, sub: Obj) -> Obj:
    """The ₹5 payment that authenticates a future-start subscription's mandate."""
    payment = entities.new_payment(
        sim,
        amount=AUTH_AMOUNT,
        currency=get_plan(sim, sub["plan_id"])["item"]["currency"],
        order=None,
        note=sub["notes"],
    )
    payment["description"] = f"Authentication for subscription {sub['id']}"
    payment["customer_id"] = sub["customer_id"]
    return payment
