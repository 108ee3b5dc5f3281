"""Finding a dispute, and whether one holds a charge against refunds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, dispute_id: str, param: str = "dispute") -> Obj:
    dispute = sim.store.stripe.get(dispute_id)
    if dispute is None or dispute.get("object") != "dispute":
        raise no_such("dispute", dispute_id, param)
    return dispute


def blocks_refund(sim: Sim, charge_id: str) -> bool:
    """A chargeback that is open or lost holds the charge: Stripe refuses to refund it."""
    return any(
        obj.get("object") == "dispute"
        and obj["charge"] == charge_id
        and not obj["is_charge_refundable"]
        and obj["status"] != "won"
        for obj in sim.store.stripe.values()
    )
