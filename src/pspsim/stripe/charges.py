"""Charges: the record of one payment attempt, behind `PaymentIntent.latest_charge`.

Refunds count against `amount_captured - amount_refunded` of the charge, which is how
Stripe enforces "never refund more than was captured".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

_NULL_ADDRESS = {
    "city": None,
    "country": None,
    "line1": None,
    "line2": None,
    "postal_code": None,
    "state": None,
}


def _card_details(card: dict[str, Any]) -> dict[str, Any]:
    return {
        "card": {
            "amount_authorized": None,
            "brand": card["brand"],
            "checks": {
                "address_line1_check": None,
                "address_postal_code_check": None,
                "cvc_check": "pass",
            },
            "country": "US",
            "exp_month": 12,
            "exp_year": 2034,
            "fingerprint": "sagasSimFprint01",
            "funding": "credit",
            "installments": None,
            "last4": card["last4"],
            "mandate": None,
            "network": card["brand"],
            "network_token": {"used": False},
            "three_d_secure": None,
            "wallet": None,
        },
        "type": "card",
    }


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
            "address": dict(_NULL_ADDRESS),
            "email": None,
            "name": None,
            "phone": None,
        },
        "calculated_statement_descriptor": "SAGAS SIM",
        "captured": captured,
        "created": now(),
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
        "payment_method_details": _card_details(card),
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


def refundable(charge: Obj) -> int:
    """What can still be refunded: captured minus refunded (pending refunds included)."""
    return int(charge["amount_captured"]) - int(charge["amount_refunded"])
