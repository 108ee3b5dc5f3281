"""Finding a refund by id, with Stripe's `resource_missing` error when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, refund_id: str, param: str = "refund") -> Obj:
    refund = sim.store.stripe.get(refund_id)
    if refund is None or refund.get("object") != "refund":
        raise no_such("refund", refund_id, param)
    return refund
