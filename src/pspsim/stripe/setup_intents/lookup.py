"""Finding a SetupIntent by id, with Stripe's `resource_missing` error when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, si_id: str, param: str = "intent") -> Obj:
    si = sim.store.stripe.get(si_id)
    if si is None or si.get("object") != "setup_intent":
        raise no_such("setup_intent", si_id, param)
    return si
