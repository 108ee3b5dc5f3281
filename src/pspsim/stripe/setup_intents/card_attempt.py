"""Trying a card on a SetupIntent: requires_payment_method -> succeeded, or
requires_action when the card asks for 3D Secure at setup
(`pm_card_authenticationRequiredOnSetup`, `pm_card_authenticationRequired`), or back to
requires_payment_method with `last_setup_error` when it is declined."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.confirmation.test_cards import card_for
from pspsim.stripe.errors import unexpected_state
from pspsim.stripe.setup_intents.authentication import require_action
from pspsim.stripe.setup_intents.failure import fail
from pspsim.stripe.setup_intents.saved_methods import save_method
from pspsim.stripe.setup_intents.success import succeed

if TYPE_CHECKING:
    from pspsim.state import Sim

CONFIRMABLE = {"requires_payment_method", "requires_confirmation", "requires_action"}


def confirm_with(
    sim: Sim, si: Obj, pm: str | None, *, raise_on_error: bool, outcome: str | None = None
) -> Obj:
    """Confirm `si` with test method `pm` (a `pm_card_*` token or a stored method)."""
    if si["status"] not in CONFIRMABLE:
        raise unexpected_state(
            f"You cannot confirm this SetupIntent because it has a status of {si['status']}.",
            code="setup_intent_unexpected_state",
        )
    if pm is None:
        raise unexpected_state(
            "You cannot confirm this SetupIntent because it's missing a payment method.",
            code="setup_intent_unexpected_state",
        )
    card = card_for(sim, pm)
    action = outcome or card.outcome
    pm_id = save_method(sim, si, pm, card)
    si.update(payment_method=pm_id, last_setup_error=None)
    if action == "authenticate":
        return require_action(sim, si)
    if action == "decline":
        return fail(sim, si, card, raise_on_error=raise_on_error)
    return succeed(sim, si)
