"""A failed refund: `refund.updated` and `refund.failed`, and the amount is back on the
charge; also after Stripe had reported it `succeeded` (the bank returning it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.errors import invalid

if TYPE_CHECKING:
    from pspsim.state import Sim


def fail_after_success(sim: Sim, refund: Obj) -> Obj:
    """A refund the bank returned after Stripe had reported it `succeeded` (a closed card,
    say): `refund.updated` (previous status succeeded) and `refund.failed`, and the amount
    is back on the charge."""
    if refund["status"] != "succeeded":
        raise invalid(f"Refund {refund['id']} is {refund['status']}, not succeeded.")
    refund["_settled"] = True
    return fail(sim, refund, {"status": "succeeded"})


def fail(sim: Sim, refund: Obj, previous: dict[str, Any]) -> Obj:
    refund["status"] = "failed"
    refund["failure_reason"] = "expired_or_canceled_card"
    refund["failure_balance_transaction"] = sim.ids.stripe("txn")
    refund["destination_details"]["card"]["reference_status"] = "unavailable"
    charge = sim.store.stripe[refund["charge"]]
    charge["amount_refunded"] -= refund["amount"]
    charge["refunded"] = False
    events.emit(sim, "refund.updated", refund, previous)
    events.emit(sim, "refund.failed", refund)
    return refund
