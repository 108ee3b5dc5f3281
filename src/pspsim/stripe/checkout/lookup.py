"""Finding a Checkout Session by id, with Stripe's `resource_missing` error when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, session_id: str, param: str = "session") -> Obj:
    session = sim.store.stripe.get(session_id)
    if session is None or session.get("object") != "checkout.session":
        raise no_such("checkout.session", session_id, param)
    return session
