"""The test card behind a payment method: a `pm_card_*` token or a stored PaymentMethod."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.stripe.cards import TEST_CARDS, TestCard
from pspsim.stripe.errors import invalid, unexpected_state

if TYPE_CHECKING:
    from pspsim.state import Sim


def card_for(sim: Sim, pm: str | None) -> TestCard:
    """The test card behind `pm` (a `pm_card_*` token or a stored PaymentMethod)."""
    if pm is None:
        raise unexpected_state(
            "You cannot confirm this PaymentIntent because it's missing a payment method. "
            "To confirm the PaymentIntent, provide a `payment_method`."
        )
    card = TEST_CARDS.get(pm) or sim.store.stripe.get(pm, {}).get("_card")
    if card is None:
        raise invalid(
            f"No such PaymentMethod: '{pm}'", param="payment_method", code="resource_missing"
        )
    assert isinstance(card, TestCard)
    return card
