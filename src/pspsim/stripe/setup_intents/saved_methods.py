"""The PaymentMethod a SetupIntent saves for its customer, whatever its outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.cards import TestCard

if TYPE_CHECKING:
    from pspsim.state import Sim


#: A card that asked for 3D Secure only at setup pays off-session without it afterwards.
AFTER_SETUP = {"pm_card_authenticationRequiredOnSetup"}


def save_method(sim: Sim, si: Obj, pm: str, card: TestCard) -> str:
    saved = TestCard(card.brand, card.last4, "succeed") if pm in AFTER_SETUP else card
    pm_id = sim.ids.stripe("pm")
    sim.store.stripe[pm_id] = {
        "id": pm_id,
        "object": "payment_method",
        "customer": si["customer"],
        "_card": saved,
    }
    return pm_id
