"""A captured payment: Razorpay's fee and tax, `payment.captured`, and its order paid
when the payments cover it (`order.paid`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.orders.lookup import get as get_order
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


FEE_BPS = 200  # Razorpay's 2 % standard fee; tax is 18 % of the fee


def mark_captured(sim: Sim, payment: Obj) -> Obj:
    fee = payment["amount"] * FEE_BPS // 10_000
    payment.update(status="captured", captured=True, fee=fee, tax=fee * 18 // 100)
    events.emit(sim, "payment.captured", {"payment": payment})
    if payment["order_id"]:
        order = get_order(sim, payment["order_id"])
        order["amount_paid"] += payment["amount"]
        order["amount_due"] = max(0, order["amount"] - order["amount_paid"])
        if order["amount_paid"] >= order["amount"]:
            order["status"] = "paid"
            events.emit(sim, "order.paid", {"payment": payment, "order": order})
    return payment
