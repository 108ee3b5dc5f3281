"""A subscription's `default_payment_method` must name a test card or a stored
PaymentMethod."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.stripe.cards import TEST_CARDS
from pspsim.stripe.errors import invalid

if TYPE_CHECKING:
    from pspsim.state import Sim


def check_payment_method(sim: Sim, pm: str) -> None:
    stored = sim.store.stripe.get(pm)
    if pm not in TEST_CARDS and (stored is None or stored.get("object") != "payment_method"):
        raise invalid(
            f"No such PaymentMethod: '{pm}'",
            param="default_payment_method",
            code="resource_missing",
        )
