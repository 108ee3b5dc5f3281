"""Finding a subscription by id, with Stripe's `resource_missing` error when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, sub_id: str, param: str = "subscription_exposed_id") -> Obj:
    sub = sim.store.stripe.get(sub_id)
    if sub is None or sub.get("object") != "subscription":
        raise no_such("subscription", sub_id, param)
    return sub
