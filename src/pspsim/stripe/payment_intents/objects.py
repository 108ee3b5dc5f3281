"""A new PaymentIntent as Stripe renders it, in `requires_payment_method`; the API's
create, a Checkout Session's payer and an invoice all make theirs here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import amounts, events

if TYPE_CHECKING:
    from pspsim.state import Sim


def new(sim: Sim, *, amount: int, currency_: str, meta: dict[str, str], **fields: Any) -> Obj:
    """A PaymentIntent in `requires_payment_method`, stored and announced."""
    amounts.check_charge(amount, currency_)
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
        "created": sim.clock.now(),
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
