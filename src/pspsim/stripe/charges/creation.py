"""Charges: the record of one payment attempt, behind `PaymentIntent.latest_charge`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe.charges.card_details import NULL_ADDRESS, card_details

if TYPE_CHECKING:
    from pspsim.state import Sim


def create_charge(
    sim: Sim,
    pi: Obj,
    card: dict[str, Any],
    *,
    succeeded: bool,
    failure: dict[str, str] | None = None,
) -> Obj:
    """A charge for `pi` paid with the test `card`; captured unless capture is manual."""
    captured = succeeded and pi["capture_method"] != "manual"
    charge_id = sim.ids.stripe("ch")
    charge: Obj = {
        "id": charge_id,
        "object": "charge",
        "amount": pi["amount"],
        "amount_captured": pi["amount"] if captured else 0,
        "amount_refunded": 0,
        "application": None,
        "application_fee": None,
        "application_fee_amount": None,
        "balance_transaction": sim.ids.stripe("txn") if captured else None,
        "billing_details": {
            "address": dict(NULL_ADDRESS),
            "email": None,
            "name": None,
            "phone": None,
        },
        "calculated_statement_descriptor": "SAGAS SIM",
        "captured": captured,
        "created": sim.clock.now(),
        "currency": pi["currency"],
        "customer": pi["customer"],
        "description": pi["description"],
        "disputed": False,
        "failure_balance_transaction": None,
        "failure_code": failure["code"] if failure else None,
        "failure_message": failure["message"] if failure else None,
        "fraud_details": {},
        "livemode": False,
        "metadata": dict(pi["metadata"]),
        "on_behalf_of": None,
        "outcome": {
            "network_status": "approved_by_network" if succeeded else "declined_by_network",
            "reason": failure["decline_code"] if failure else None,
            "risk_level": "normal",
            "seller_message": "Payment complete." if succeeded else "The bank declined.",
            "type": "authorized" if succeeded else "issuer_declined",
        },
        "paid": succeeded,
        "payment_intent": pi["id"],
        "payment_method": card["pm_id"],
        "payment_method_details": card_details(card),
        "receipt_email": pi.get("receipt_email"),
        "receipt_number": None,
        "receipt_url": sim.page_url(f"/pay/stripe/receipt/{charge_id}"),
        "refunded": False,
        "review": None,
        "shipping": None,
        "source_transfer": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": "succeeded" if succeeded else "failed",
        "transfer_data": None,
        "transfer_group": None,
    }
    sim.store.stripe[charge_id] = charge
    return charge
