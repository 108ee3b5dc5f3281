"""Finding a charge, and what is left to refund on it: refunds count against
`amount_captured - amount_refunded`, which is how Stripe enforces "never refund more than
was captured"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, charge_id: str, param: str = "charge") -> Obj:
    charge = sim.store.stripe.get(charge_id)
    if charge is None or charge.get("object") != "charge":
        raise no_such("charge", charge_id, param)
    return charge


def refundable(charge: Obj) -> int:
    """What can still be refunded: captured minus refunded (pending refunds included)."""
    return int(charge["amount_captured"]) - int(charge["amount_refunded"])
