"""The payer on Stripe's page: saving a card, or passing or failing 3D Secure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.cards import OUTCOME_CARDS, TEST_CARDS
from pspsim.stripe.setup_intents.card_attempt import confirm_with
from pspsim.stripe.setup_intents.failure import fail
from pspsim.stripe.setup_intents.success import succeed

if TYPE_CHECKING:
    from pspsim.state import Sim


def act_as_payer(sim: Sim, si: Obj, outcome: str) -> Obj:
    """The payer saving a card (or failing 3D Secure) on Stripe's page."""
    if si["status"] == "requires_action":
        if outcome == "succeed":
            return succeed(sim, si)
        return fail(sim, si, TEST_CARDS["pm_card_chargeDeclined"], raise_on_error=False)
    card = {"authenticate": "pm_card_authenticationRequiredOnSetup"}.get(
        outcome, OUTCOME_CARDS[outcome]
    )
    return confirm_with(sim, si, card, raise_on_error=False)
