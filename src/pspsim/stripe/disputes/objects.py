"""The dispute object as Stripe shapes it when a cardholder opens one: `needs_response`,
blank evidence, and the date the merchant must answer by."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.disputes.evidence_fields import EVIDENCE_FIELDS
from pspsim.stripe.disputes.terms import RESPONSE_WINDOW_DAYS

if TYPE_CHECKING:
    from pspsim.state import Sim


def new_dispute(sim: Sim, pi: Obj, charge: Obj, amount: int, reason: str) -> Obj:
    created = sim.clock.now()
    return {
        "id": sim.ids.stripe("dp"),
        "object": "dispute",
        "amount": amount,
        "balance_transactions": [],
        "charge": charge["id"],
        "created": created,
        "currency": charge["currency"],
        "enhanced_eligibility_types": [],
        "evidence": {**dict.fromkeys(EVIDENCE_FIELDS), "enhanced_evidence": {}},
        "evidence_details": {
            "due_by": created + sim.clock.days(RESPONSE_WINDOW_DAYS),
            "enhanced_eligibility": {},
            "has_evidence": False,
            "past_due": False,
            "submission_count": 0,
        },
        "is_charge_refundable": False,
        "livemode": False,
        "metadata": {},
        "payment_intent": pi["id"],
        "payment_method_details": {
            "card": {"brand": "visa", "case_type": "chargeback", "network_reason_code": "10.4"},
            "type": "card",
        },
        "reason": reason,
        "status": "needs_response",
    }
