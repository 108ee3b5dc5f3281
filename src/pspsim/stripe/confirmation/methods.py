"""The PaymentMethod a confirmation charges: a saved method as itself, otherwise a new
one for the test card, kept for the intent's customer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.cards import TestCard

if TYPE_CHECKING:
    from pspsim.state import Sim


def charged_method(sim: Sim, pi: Obj, pm: str | None, card: TestCard) -> str:
    stored = sim.store.stripe.get(pm or "")
    if stored is not None and stored.get("object") == "payment_method":
        pm_id = str(pm)  # a saved method is charged as itself
    else:
        pm_id = sim.ids.stripe("pm")
        sim.store.stripe[pm_id] = {
            "id": pm_id,
            "object": "payment_method",
            "customer": pi.get("customer"),
            "_card": card,
        }
    return pm_id
