"""3D Secure at setup: the SetupIntent waits in `requires_action`, its `next_action`
redirecting the payer to the simulator's page for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events

if TYPE_CHECKING:
    from pspsim.state import Sim


def require_action(sim: Sim, si: Obj) -> Obj:
    si["status"] = "requires_action"
    si["next_action"] = {
        "type": "redirect_to_url",
        "redirect_to_url": {
            "return_url": si.get("_return_url"),
            "url": sim.page_url(f"/pay/stripe/setup_intent/{si['id']}"),
        },
    }
    events.emit(sim, "setup_intent.requires_action", si)
    return si
