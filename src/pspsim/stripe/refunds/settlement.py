"""A `pending` refund settling on a timer or a control call: `succeeded`
(`refund.updated`) or `failed`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.errors import invalid
from pspsim.stripe.refunds.failures import fail

if TYPE_CHECKING:
    from pspsim.state import Sim


FINAL = ("succeeded", "failed", "canceled")


def settle(sim: Sim, refund: Obj, outcome: str) -> Obj:
    """Move a refund to its final status; a second settlement is refused."""
    if refund["_settled"]:
        raise invalid(f"Refund {refund['id']} is already {refund['status']}.")
    refund["_settled"] = True
    previous = {"status": refund["status"]}
    if outcome == "succeed":
        if refund["status"] == "succeeded":
            return refund  # the create call already said so; nothing changes
        refund["status"] = "succeeded"
        refund["balance_transaction"] = sim.ids.stripe("txn")
        refund["destination_details"]["card"]["reference_status"] = "available"
        events.emit(sim, "refund.updated", refund, previous)
        return refund
    return fail(sim, refund, previous)
