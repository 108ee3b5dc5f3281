"""Confirming a PaymentIntent with a test method: success, `requires_capture` (manual
capture), 3D Secure, `processing`, or a decline (`last_payment_error`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events, followers
from pspsim.stripe.confirmation.action import require_action
from pspsim.stripe.confirmation.decline import decline
from pspsim.stripe.confirmation.methods import charged_method
from pspsim.stripe.confirmation.success import succeed
from pspsim.stripe.confirmation.test_cards import card_for
from pspsim.stripe.errors import unexpected_state

if TYPE_CHECKING:
    from pspsim.state import Sim


CONFIRMABLE = {"requires_payment_method", "requires_confirmation", "requires_action"}


def confirm_with(
    sim: Sim, pi: Obj, pm: str | None, *, raise_on_decline: bool, outcome: str | None = None
) -> Obj:
    """Confirm `pi` with test payment method `pm`; `outcome` overrides the card's."""
    if pi["status"] not in CONFIRMABLE:
        raise unexpected_state(
            f"You cannot confirm this PaymentIntent because it has a status of {pi['status']}."
        )
    card = card_for(sim, pm)
    action = outcome or card.outcome
    pm_id = charged_method(sim, pi, pm, card)
    pi["payment_method"] = pm_id
    pi["last_payment_error"] = None
    details = {"brand": card.brand, "last4": card.last4, "pm_id": pm_id}
    pi["_card_details"] = details
    if action == "authenticate":
        require_action(sim, pi)
        followers.notify_payment_owner(sim, pi)
        return pi
    if action == "processing":
        pi["status"] = "processing"
        pi["next_action"] = None
        events.emit(sim, "payment_intent.processing", pi)
        return pi
    if action == "decline":
        return decline(sim, pi, card, raise_on_decline=raise_on_decline)
    return succeed(sim, pi)
