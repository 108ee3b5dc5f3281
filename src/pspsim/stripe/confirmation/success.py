"""A successful charge: `succeeded`, or `requires_capture` for manual capture; the owner
(a Checkout Session or an invoice) follows the payment as Stripe's do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events, followers
from pspsim.stripe.charges.creation import create_charge

if TYPE_CHECKING:
    from pspsim.state import Sim


def succeed(sim: Sim, pi: Obj) -> Obj:
    details = pi.get("_card_details") or {"brand": "visa", "last4": "4242", "pm_id": None}
    charge = create_charge(sim, pi, details, succeeded=True)
    pi["latest_charge"] = charge["id"]
    pi["next_action"] = None
    if pi["capture_method"] == "manual":
        pi["status"] = "requires_capture"
        pi["amount_capturable"] = pi["amount"]
        events.emit(sim, "payment_intent.amount_capturable_updated", pi)
    else:
        pi["status"] = "succeeded"
        pi["amount_received"] = pi["amount"]
        events.emit(sim, "payment_intent.succeeded", pi)
    followers.notify_payment_owner(sim, pi)
    return pi
