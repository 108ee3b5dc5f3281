"""`POST /v1/payment_intents/{id}/capture`: only from `requires_capture`, for at most the
amount capturable; the charge is captured and the owner told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import amounts, events, followers
from pspsim.stripe.errors import invalid, unexpected_state
from pspsim.stripe.params import Params, metadata, opt_int
from pspsim.stripe.payment_intents.lookup import get

if TYPE_CHECKING:
    from pspsim.state import Sim


def capture(sim: Sim, pi_id: str, params: Params) -> Obj:
    pi = get(sim, pi_id)
    if pi["status"] != "requires_capture":
        raise unexpected_state(
            "This PaymentIntent could not be captured because it has a status of "
            f"{pi['status']}. Only a PaymentIntent with one of the following statuses may be "
            "captured: requires_capture."
        )
    amount = opt_int(params, "amount_to_capture")
    amount = pi["amount_capturable"] if amount is None else amount
    amounts.check_unit(amount, pi["currency"], param="amount_to_capture")
    if amount <= 0 or amount > pi["amount_capturable"]:
        raise invalid(
            "The amount to capture must be greater than zero and at most the amount "
            f"capturable ({pi['amount_capturable']}).",
            param="amount_to_capture",
            code="amount_too_large",
        )
    pi["metadata"] = metadata(params, pi["metadata"])
    pi["status"] = "succeeded"
    pi["amount_received"] = amount
    pi["amount_capturable"] = 0
    charge = sim.store.stripe[pi["latest_charge"]]
    charge.update(captured=True, amount_captured=amount)
    charge["balance_transaction"] = sim.ids.stripe("txn")
    events.emit(sim, "payment_intent.succeeded", pi)
    followers.notify_payment_owner(sim, pi)
    return pi
