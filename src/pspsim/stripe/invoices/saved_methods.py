"""What Stripe charges off-session, and how that method behaves (the customer's control
setting, else the card's own behaviour)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.invoices.lookup import subscription_id

if TYPE_CHECKING:
    from pspsim.state import Sim


def saved_method(sim: Sim, invoice: Obj) -> str | None:
    """What Stripe charges off-session: the subscription's default payment method, else
    the customer's invoice default. Never a card merely tried before."""
    sub = sim.store.stripe.get(subscription_id(invoice)) or {}
    customer = sim.store.stripe.get(invoice["customer"]) or {}
    settings = customer.get("invoice_settings") or {}
    for candidate in (sub.get("default_payment_method"), settings.get("default_payment_method")):
        if candidate:
            return str(candidate)
    return None


def customer_outcome(sim: Sim, invoice: Obj) -> str | None:
    """How the customer's saved method behaves (`PUT /_sim/stripe/customers/{id}/
    default_payment_method`), or None for the card's own behaviour."""
    customer = sim.store.stripe.get(invoice["customer"]) or {}
    outcome = customer.get("_outcome")
    return str(outcome) if outcome else None
