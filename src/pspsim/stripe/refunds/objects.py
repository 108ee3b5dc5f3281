"""A new refund as Stripe renders it: `pending` unless the scripted behaviour says the
create call answers otherwise, with the simulator's private settlement state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.params import Params, metadata

if TYPE_CHECKING:
    from pspsim.state import Sim


def refund_object(sim: Sim, charge: Obj, amount: int, reason: str | None, params: Params) -> Obj:
    behaviour = sim.refund_behaviour["stripe"]
    return {
        "id": sim.ids.stripe("re"),
        "object": "refund",
        "amount": amount,
        "balance_transaction": None,
        "charge": charge["id"],
        "created": sim.clock.now(),
        "currency": charge["currency"],
        "destination_details": {
            "card": {"reference_status": "pending", "reference_type": None, "type": "refund"},
            "type": "card",
        },
        "metadata": metadata(params),
        "payment_intent": charge["payment_intent"],
        "pending_reason": None,
        "reason": reason,
        "receipt_number": None,
        "source_transfer_reversal": None,
        "status": behaviour.sync_status or "pending",
        "transfer_reversal": None,
        "_final": behaviour.final_status,
        "_settled": False,
    }
