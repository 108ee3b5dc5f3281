"""Finding a PaymentIntent by id, with Stripe's `resource_missing` error when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, pi_id: str, param: str = "intent") -> Obj:
    pi = sim.store.stripe.get(pi_id)
    if pi is None or pi.get("object") != "payment_intent":
        raise no_such("payment_intent", pi_id, param)
    return pi
