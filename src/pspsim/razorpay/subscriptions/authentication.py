"""The payer authenticating a subscription: the payment saves the card. With an immediate
start it is the first charge; with a future `start_at` (a trial) it is a ₹5 authorisation
Razorpay refunds by itself, and the first charge happens at `start_at`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.payments.authorization import authorize
from pspsim.razorpay.payments.failure import fail as fail_payment
from pspsim.razorpay.subscriptions.charges import authorisation, charge
from pspsim.razorpay.subscriptions.outcomes import activate
from pspsim.razorpay.subscriptions.saved_card import save_method
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def authenticate_and_charge(sim: Sim, sub: Obj, succeed: bool) -> Obj:
    """The payer completing the subscription checkout: the mandate, plus the first
    charge when the subscription starts now (a ₹5 refunded authorisation otherwise)."""
    if sub["status"] != "created":
        raise bad_request(f"Subscription is {sub['status']}, not created.")
    sub["auth_attempts"] += 1
    future = sub["start_at"] is not None and sub["start_at"] > sim.clock.now()
    if future:
        payment = authorisation(sim, sub)
        if not succeed:
            return fail_payment(sim, payment)
        authorize(sim, payment)  # never captured: Razorpay refunds it by itself
    else:
        payment = charge(sim, sub, succeed)
        if not succeed:
            return payment
    save_method(sim, sub, payment)
    sub["status"] = "authenticated"
    events.emit(sim, "subscription.authenticated", {"subscription": sub})
    if future:
        sub["charge_at"] = sub["start_at"]
        return payment
    sub["start_at"] = sub["start_at"] or sim.clock.now()
    activate(sim, sub, payment, sim.clock.now())
    return payment
