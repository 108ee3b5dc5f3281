"""Paying an open invoice with a card for the chosen outcome (control calls and pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.cards import OUTCOME_CARDS
from pspsim.stripe.confirmation.confirming import confirm_with
from pspsim.stripe.errors import invalid

if TYPE_CHECKING:
    from pspsim.state import Sim


def pay(sim: Sim, invoice: Obj, outcome: str) -> Obj:
    """Attempt payment of an open invoice with a card giving `outcome` (control calls)."""
    if invoice["status"] != "open":
        raise invalid(f"Invoice is {invoice['status']}, only open invoices can be paid.")
    pi = sim.store.stripe[invoice["_payment_intent"]]
    card = OUTCOME_CARDS.get(outcome, OUTCOME_CARDS["decline"])
    confirm_with(sim, pi, card, raise_on_decline=False)
    return invoice
