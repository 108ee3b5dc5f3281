"""A declined card: the SetupIntent returns to `requires_payment_method` with
`last_setup_error`, and the API call answers with a card error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj, render
from pspsim.stripe import events
from pspsim.stripe.cards import TestCard
from pspsim.stripe.errors import card_declined

if TYPE_CHECKING:
    from pspsim.state import Sim


def fail(sim: Sim, si: Obj, card: TestCard, *, raise_on_error: bool) -> Obj:
    error = {
        "code": card.code,
        "decline_code": card.decline_code or "generic_decline",
        "doc_url": f"https://stripe.com/docs/error-codes/{card.code.replace('_', '-')}",
        "message": card.message,
        "type": "card_error",
    }
    si.update(
        status="requires_payment_method",
        payment_method=None,
        next_action=None,
        last_setup_error=error,
    )
    events.emit(sim, "setup_intent.setup_failed", si)
    if raise_on_error:
        raise card_declined(
            card.message,
            decline_code=error["decline_code"],
            code=card.code,
            extra={"setup_intent": render(si)},
        )
    return si
