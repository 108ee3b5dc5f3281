"""Confirming a PaymentIntent with a test payment method, and what follows.

The outcome (success, `requires_capture` for manual capture, 3D Secure, `processing`, or
a decline that sets `last_payment_error` and returns the intent to
`requires_payment_method`) is announced by event and handed to the object that owns the
intent (a Checkout Session or an invoice), so those follow the payment as Stripe's do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj, render
from pspsim.stripe import events
from pspsim.stripe.cards import TEST_CARDS, TestCard
from pspsim.stripe.charges import create_charge
from pspsim.stripe.errors import card_declined, invalid, unexpected_state

if TYPE_CHECKING:
    from pspsim.state import Sim

CONFIRMABLE = {"requires_payment_method", "requires_confirmation", "requires_action"}


def _card(sim: Sim, pm: str | None) -> TestCard:
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


def confirm_with(
    sim: Sim, pi: Obj, pm: str | None, *, raise_on_decline: bool, outcome: str | None = None
) -> Obj:
    """Confirm `pi` with test payment method `pm`; `outcome` overrides the card's."""
    if pi["status"] not in CONFIRMABLE:
        raise unexpected_state(
            f"You cannot confirm this PaymentIntent because it has a status of {pi['status']}."
        )
    card = _card(sim, pm)
    action = outcome or card.outcome
    pm_id = sim.ids.stripe("pm")
    sim.store.stripe[pm_id] = {"id": pm_id, "object": "payment_method", "_card": card}
    pi["payment_method"] = pm_id
    pi["last_payment_error"] = None
    details = {"brand": card.brand, "last4": card.last4, "pm_id": pm_id}
    pi["_card_details"] = details
    if action == "authenticate":
        return require_action(sim, pi)
    if action == "processing":
        pi["status"] = "processing"
        pi["next_action"] = None
        events.emit(sim, "payment_intent.processing", pi)
        return pi
    if action == "decline":
        return decline(sim, pi, card, raise_on_decline=raise_on_decline)
    return succeed(sim, pi)


def require_action(sim: Sim, pi: Obj) -> Obj:
    pi["status"] = "requires_action"
    pi["next_action"] = {
        "type": "redirect_to_url",
        "redirect_to_url": {
            "return_url": pi.get("_return_url"),
            "url": sim.page_url(f"/pay/stripe/payment_intent/{pi['id']}"),
        },
    }
    events.emit(sim, "payment_intent.requires_action", pi)
    return pi


def succeed(sim: Sim, pi: Obj) -> Obj:
    details = pi.get("_card_details") or {"brand": "visa", "last4": "4242", "pm_id": None}
    charge = create_charge(sim, pi, details, succeeded=True)
    pi["latest_charge"] = charge["id"]
    pi["next_action"] = None
    if pi["capture_method"] == "manual":
        pi["status"] = "requires_capture"
        pi["amount_capturable"] = pi["amount"]
        events.emit(sim, "payment_intent.amount_capturable_updated", pi)
    else:
        pi["status"] = "succeeded"
        pi["amount_received"] = pi["amount"]
        events.emit(sim, "payment_intent.succeeded", pi)
    notify_owner(sim, pi)
    return pi


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
    notify_owner(sim, pi)
    if raise_on_decline:
        raise card_declined(
            card.message,
            decline_code=failure["decline_code"],
            code=card.code,
            extra={"charge": charge["id"], "payment_intent": render(pi)},
        )
    return pi


def notify_owner(sim: Sim, pi: Obj) -> None:
    """Let the Checkout Session or invoice that owns `pi` follow its outcome."""
    from pspsim.stripe import billing, checkout  # owners import us; import late

    if pi.get("_checkout_session"):
        checkout.on_payment_outcome(sim, pi)
    if pi.get("_invoice"):
        billing.on_invoice_payment_outcome(sim, pi)
