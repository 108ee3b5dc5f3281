"""A declined card: a failed charge, `last_payment_error`, back to
`requires_payment_method`, and for the API call a 402 card error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj, render
from pspsim.stripe import events, followers
from pspsim.stripe.cards import TestCard
from pspsim.stripe.charges.creation import create_charge
from pspsim.stripe.errors import card_declined

if TYPE_CHECKING:
    from pspsim.state import Sim


def decline(sim: Sim, pi: Obj, card: TestCard, *, raise_on_decline: bool) -> Obj:
    details = pi.get("_card_details") or {"brand": card.brand, "last4": card.last4, "pm_id": None}
    failure = {
        "code": card.code,
        "message": card.message,
        "decline_code": card.decline_code or "generic_decline",
    }
    charge = create_charge(sim, pi, details, succeeded=False, failure=failure)
    pi["latest_charge"] = charge["id"]
    pi["status"] = "requires_payment_method"
    pi["next_action"] = None
    pi["payment_method"] = None
    pi["last_payment_error"] = {
        "charge": charge["id"],
        "code": card.code,
        "decline_code": failure["decline_code"],
        "doc_url": f"https://stripe.com/docs/error-codes/{card.code.replace('_', '-')}",
        "message": card.message,
        "type": "card_error",
    }
    events.emit(sim, "payment_intent.payment_failed", pi)
    followers.notify_payment_owner(sim, pi)
    if raise_on_decline:
        raise card_declined(
            card.message,
            decline_code=failure["decline_code"],
            code=card.code,
            extra={"charge": charge["id"], "payment_intent": render(pi)},
        )
    return pi
