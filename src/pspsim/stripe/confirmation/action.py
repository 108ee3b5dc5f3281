"""3D Secure: the PaymentIntent waits in `requires_action`, its `next_action` redirecting
the payer to the simulator's page for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events

if TYPE_CHECKING:
    from pspsim.state import Sim


def require_action(sim: Sim, pi: Obj) -> Obj:
    pi["status"] = "requires_action"
    pi["next_action"] = {
        "type": "redirect_to_url",
        "redirect_to_url": {
            "return_url": pi.get("_return_url"),
            "url": sim.page_url(f"/pay/stripe/payment_intent/{pi['id']}"),
        },
    }
    events.emit(sim, "payment_intent.requires_action", pi)
    return pi
