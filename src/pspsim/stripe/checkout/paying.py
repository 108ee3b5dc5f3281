"""The payer submitting the hosted page: the session's PaymentIntent is made (or reused)
and confirmed with the card for the chosen outcome; a subscription-mode session makes
its subscription instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Loading payment_outcomes registers how a session follows its PaymentIntent.
import pspsim.stripe.checkout.payment_outcomes  # noqa: F401
from pspsim.store import Obj
from pspsim.stripe.cards import OUTCOME_CARDS
from pspsim.stripe.checkout.objects import customer_details
from pspsim.stripe.confirmation.confirming import confirm_with
from pspsim.stripe.errors import invalid
from pspsim.stripe.payment_intents.objects import new as new_payment_intent
from pspsim.stripe.subscriptions.checkout_completion import complete_checkout

if TYPE_CHECKING:
    from pspsim.state import Sim


def pay(sim: Sim, session: Obj, outcome: str, email: str | None = None) -> Obj:
    """A payer submitting the hosted page with a card that gives `outcome`."""
    if session["status"] != "open":
        raise invalid(f"This Checkout Session is {session['status']} and cannot be paid.")
    email = email or session.get("customer_email") or "payer@example.com"
    session["customer_details"] = customer_details(email)
    if session["mode"] == "subscription":
        return complete_checkout(sim, session, outcome)
    pi_id = session.get("payment_intent")
    if pi_id:
        pi = sim.store.stripe[pi_id]
    else:
        pi = new_payment_intent(
            sim,
            amount=session["amount_total"],
            currency_=session["currency"],
            meta=dict(session["_pi_metadata"]),
            capture_method=session["_capture_method"],
            customer=session["customer"],
            description=session["_pi_description"],
            checkout_session=session["id"],
        )
        session["payment_intent"] = pi["id"]
    confirm_with(sim, pi, OUTCOME_CARDS[outcome], raise_on_decline=False, outcome=outcome)
    return session
