"""`POST /v1/payment_intents/{id}/cancel`: from cancelable states; a session's only on expiry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.errors import unexpected_state
from pspsim.stripe.params import Params, opt_str
from pspsim.stripe.payment_intents.lookup import get

if TYPE_CHECKING:
    from pspsim.state import Sim

CANCELABLE = {
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
}


def cancel(sim: Sim, pi_id: str, params: Params, *, by_owner: bool = False) -> Obj:
    pi = get(sim, pi_id)
    if pi.get("_checkout_session") and not by_owner:
        raise unexpected_state(
            "You cannot cancel the PaymentIntent for a Checkout Session. "
            "Expire the Checkout Session instead."
        )
    if pi["status"] not in CANCELABLE:
        raise unexpected_state(
            "You cannot cancel this PaymentIntent because it has a status of "
            f"{pi['status']}. Only a PaymentIntent with one of the following statuses may be "
            "canceled: " + ", ".join(sorted(CANCELABLE)) + "."
        )
    reason = opt_str(params, "cancellation_reason")
    if pi["status"] == "requires_capture" and pi["latest_charge"]:
        charge = sim.store.stripe[pi["latest_charge"]]
        charge.update(refunded=True, amount_refunded=charge["amount"])
    pi.update(
        status="canceled",
        canceled_at=sim.clock.now(),
        cancellation_reason=reason,
        amount_capturable=0,
        next_action=None,
    )
    events.emit(sim, "payment_intent.canceled", pi)
    return pi
