"""Finishing an async payment left in `processing` (a control call): it succeeds, or
fails as a declined card would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.cards import TEST_CARDS
from pspsim.stripe.confirmation.decline import decline
from pspsim.stripe.confirmation.success import succeed
from pspsim.stripe.errors import unexpected_state

if TYPE_CHECKING:
    from pspsim.state import Sim


def settle_processing(sim: Sim, pi: Obj, outcome: str) -> Obj:
    """Finish an async payment left in `processing` (control API)."""
    if pi["status"] != "processing":
        raise unexpected_state(f"PaymentIntent {pi['id']} is {pi['status']}, not processing.")
    if outcome == "succeed":
        return succeed(sim, pi)
    card = TEST_CARDS["pm_card_chargeDeclined"]
    return decline(sim, pi, card, raise_on_decline=False)
