"""PaymentIntents and their real status machine.

requires_payment_method -> (confirm) -> succeeded | requires_capture | requires_action |
processing, or back to requires_payment_method with `last_payment_error` on a decline;
capture only from requires_capture; cancel only from the cancelable states, and never
for a PaymentIntent that a Checkout Session owns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.cards import TEST_CARDS
from pspsim.stripe.confirmation import CONFIRMABLE, confirm_with, decline, notify_owner, succeed
from pspsim.stripe.errors import invalid, no_such, unexpected_state
from pspsim.stripe.params import (
    Params,
    currency,
    metadata,
    opt_bool,
    opt_int,
    opt_list,
    opt_str,
    req_int,
)

if TYPE_CHECKING:
    from pspsim.state import Sim

__all__ = ["CONFIRMABLE", "TEST_CARDS", "confirm_with", "decline", "succeed"]

MIN_AMOUNT = 50
MAX_AMOUNT = 99_999_999
CANCELABLE = {
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
}


def get(sim: Sim, pi_id: str, param: str = "intent") -> Obj:
    pi = sim.store.stripe.get(pi_id)
    if pi is None or pi.get("object") != "payment_intent":
        raise no_such("payment_intent", pi_id, param)
    return pi


def new(sim: Sim, *, amount: int, currency_: str, meta: dict[str, str], **fields: Any) -> Obj:
    """A PaymentIntent in `requires_payment_method`, stored and announced."""
    if amount < MIN_AMOUNT:
        raise invalid(
            f"Amount must be at least {MIN_AMOUNT} {currency_} minor units",
            param="amount",
            code="amount_too_small",
        )
    if amount > MAX_AMOUNT:
        raise invalid(
            "Amount must be no more than 8 digits", param="amount", code="amount_too_large"
        )
    pi_id = sim.ids.stripe("pi")
    pi: Obj = {
        "id": pi_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_details": {"tip": {}},
        "amount_received": 0,
        "application": None,
        "application_fee_amount": None,
        "automatic_payment_methods": fields.get("automatic_payment_methods"),
        "canceled_at": None,
        "cancellation_reason": None,
        "capture_method": fields.get("capture_method") or "automatic_async",
        "client_secret": f"{pi_id}_secret_{sim.ids.token(25)}",
        "confirmation_method": "automatic",
        "created": now(),
        "currency": currency_,
        "customer": fields.get("customer"),
        "description": fields.get("description"),
        "excluded_payment_method_types": None,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "metadata": meta,
        "next_action": None,
        "on_behalf_of": None,
        "payment_method": None,
        "payment_method_configuration_details": None,
        "payment_method_options": {},
        "payment_method_types": fields.get("payment_method_types") or ["card"],
        "processing": None,
        "receipt_email": fields.get("receipt_email"),
        "review": None,
        "setup_future_usage": fields.get("setup_future_usage"),
        "shipping": None,
        "source": None,
        "statement_descriptor": fields.get("statement_descriptor"),
        "statement_descriptor_suffix": None,
        "status": "requires_payment_method",
        "transfer_data": None,
        "transfer_group": None,
        "_checkout_session": fields.get("checkout_session"),
        "_return_url": fields.get("return_url"),
    }
    sim.store.stripe[pi_id] = pi
    events.emit(sim, "payment_intent.created", pi)
    return pi


def create(sim: Sim, params: Params) -> Obj:
    capture_method = opt_str(params, "capture_method")
    if capture_method not in (None, "automatic", "automatic_async", "manual"):
        raise invalid(f"Invalid capture_method: {capture_method}", param="capture_method")
    apm = params.get("automatic_payment_methods")
    pi = new(
        sim,
        amount=req_int(params, "amount"),
        currency_=currency(params),
        meta=metadata(params),
        capture_method=capture_method,
        customer=opt_str(params, "customer"),
        description=opt_str(params, "description"),
        receipt_email=opt_str(params, "receipt_email"),
        payment_method_types=opt_list(params, "payment_method_types") or None,
        automatic_payment_methods=(
            {"allow_redirects": "always", "enabled": True}
            if isinstance(apm, dict) and apm.get("enabled") == "true"
            else None
        ),
        setup_future_usage=opt_str(params, "setup_future_usage"),
        statement_descriptor=opt_str(params, "statement_descriptor"),
        return_url=opt_str(params, "return_url"),
    )
    pm = opt_str(params, "payment_method")
    if pm:
        pi["payment_method"] = pm
        pi["status"] = "requires_confirmation"
    if opt_bool(params, "confirm"):
        confirm_with(sim, pi, pm, raise_on_decline=True)
    return pi


def retrieve(sim: Sim, pi_id: str) -> Obj:
    return get(sim, pi_id)


def update(sim: Sim, pi_id: str, params: Params) -> Obj:
    """Update metadata and the few fields a merchant may change before payment."""
    pi = get(sim, pi_id)
    if "metadata" in params:
        pi["metadata"] = metadata(params, pi["metadata"])
    for name in ("description", "receipt_email"):
        if name in params:
            pi[name] = opt_str(params, name)
    if "amount" in params or "payment_method" in params:
        if pi["status"] not in CONFIRMABLE:
            raise unexpected_state(
                f"This PaymentIntent's amount could not be updated because it has a status of "
                f"{pi['status']}."
            )
        amount = opt_int(params, "amount")
        if amount is not None:
            pi["amount"] = amount
        if opt_str(params, "payment_method"):
            pi["payment_method"] = opt_str(params, "payment_method")
            pi["status"] = "requires_confirmation"
    return pi


def confirm(sim: Sim, pi_id: str, params: Params) -> Obj:
    pi = get(sim, pi_id)
    if pi.get("_checkout_session"):
        raise unexpected_state(
            "You cannot confirm a PaymentIntent that a Checkout Session created."
        )
    if "return_url" in params:
        pi["_return_url"] = opt_str(params, "return_url")
    pm = opt_str(params, "payment_method") or pi["payment_method"]
    return confirm_with(sim, pi, pm, raise_on_decline=True)


def capture(sim: Sim, pi_id: str, params: Params) -> Obj:
    pi = get(sim, pi_id)
    if pi["status"] != "requires_capture":
        raise unexpected_state(
            "This PaymentIntent could not be captured because it has a status of "
            f"{pi['status']}. Only a PaymentIntent with one of the following statuses may be "
            "captured: requires_capture."
        )
    amount = opt_int(params, "amount_to_capture")
    amount = pi["amount_capturable"] if amount is None else amount
    if amount <= 0 or amount > pi["amount_capturable"]:
        raise invalid(
            "The amount to capture must be greater than zero and at most the amount "
            f"capturable ({pi['amount_capturable']}).",
            param="amount_to_capture",
            code="amount_too_large",
        )
    pi["metadata"] = metadata(params, pi["metadata"])
    pi["status"] = "succeeded"
    pi["amount_received"] = amount
    pi["amount_capturable"] = 0
    charge = sim.store.stripe[pi["latest_charge"]]
    charge.update(captured=True, amount_captured=amount)
    charge["balance_transaction"] = sim.ids.stripe("txn")
    events.emit(sim, "payment_intent.succeeded", pi)
    notify_owner(sim, pi)
    return pi


def cancel(sim: Sim, pi_id: str, params: Params, *, by_owner: bool = False) -> Obj:
    pi = get(sim, pi_id)
    if pi.get("_checkout_session") and not by_owner:
        raise unexpected_state(
            "You cannot cancel the PaymentIntent for a Checkout Session. "
            "Expire the Checkout Session instead."
        )
    if pi["status"] not in CANCELABLE:
        raise unexpected_state(
            "You cannot cancel this PaymentIntent because it has a status of "
            f"{pi['status']}. Only a PaymentIntent with one of the following statuses may be "
            "canceled: " + ", ".join(sorted(CANCELABLE)) + "."
        )
    reason = opt_str(params, "cancellation_reason")
    if pi["status"] == "requires_capture" and pi["latest_charge"]:
        charge = sim.store.stripe[pi["latest_charge"]]
        charge.update(refunded=True, amount_refunded=charge["amount"])
    pi.update(
        status="canceled",
        canceled_at=now(),
        cancellation_reason=reason,
        amount_capturable=0,
        next_action=None,
    )
    events.emit(sim, "payment_intent.canceled", pi)
    return pi


def settle_processing(sim: Sim, pi: Obj, outcome: str) -> Obj:
    """Finish an async payment left in `processing` (control API)."""
    if pi["status"] != "processing":
        raise unexpected_state(f"PaymentIntent {pi['id']} is {pi['status']}, not processing.")
    if outcome == "succeed":
        return succeed(sim, pi)
    card = TEST_CARDS["pm_card_chargeDeclined"]
    return decline(sim, pi, card, raise_on_decline=False)
