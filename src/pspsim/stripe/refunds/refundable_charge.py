"""The charge a refund is for: named directly or through a succeeded PaymentIntent, and
captured, and not charged back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.disputes.lookup import blocks_refund
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.params import Params, opt_str
from pspsim.stripe.payment_intents.lookup import get as get_payment_intent

if TYPE_CHECKING:
    from pspsim.state import Sim


def refundable_charge(sim: Sim, params: Params) -> Obj:
    pi_id = opt_str(params, "payment_intent")
    charge_id = opt_str(params, "charge")
    if pi_id:
        pi = get_payment_intent(sim, pi_id, "payment_intent")
        if pi["status"] != "succeeded" or not pi["latest_charge"]:
            raise invalid(
                f"This PaymentIntent ({pi_id}) does not have a successful charge to refund.",
                param="payment_intent",
                code="charge_not_refundable",
            )
        charge_id = pi["latest_charge"]
    if not charge_id:
        raise invalid("One of `charge` or `payment_intent` is required.", param="payment_intent")
    charge = sim.store.stripe.get(charge_id)
    if charge is None or charge.get("object") != "charge":
        raise no_such("charge", charge_id, "charge")
    if not charge["captured"]:
        raise invalid(
            f"Charge {charge_id} has not been captured.",
            param="charge",
            code="charge_not_refundable",
        )
    if blocks_refund(sim, charge["id"]):
        raise invalid(
            f"Charge {charge['id']} has been charged back; cannot issue a refund.",
            param="charge",
            code="charge_disputed",
        )
    return charge
