"""The card a subscription's authentication saved (making a customer when the
subscription had none), and whether it pays now: the control call
`PUT /_sim/razorpay/customers/{id}/payment_method {"outcome"}` decides, else the card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.customers import creation
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def save_method(sim: Sim, sub: Obj, payment: Obj) -> None:
    """The authenticated card becomes the subscription's; Razorpay makes a customer."""
    if not sub["customer_id"]:
        customer = creation.new(
            sim, name="Payer", email=payment["email"], contact=payment["contact"]
        )
        sub["customer_id"] = customer["id"]
        payment["customer_id"] = customer["id"]
    sub["payment_method"] = "card"
    sub["_card_ok"] = True


def card_succeeds(sim: Sim, sub: Obj) -> bool:
    """Whether the saved card pays now: the customer's control setting, else the card."""
    customer = sim.store.razorpay.get(sub["customer_id"] or "") or {}
    outcome = customer.get("_outcome")
    if outcome is not None:
        return bool(outcome == "succeed")
    return bool(sub.get("_card_ok"))
