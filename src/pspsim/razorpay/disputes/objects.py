"""A new dispute as Razorpay renders its entity: `open`, due by `respond_by`, with blank
evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.disputes.terms import PROOFS, RESPONSE_WINDOW_DAYS
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def dispute_entity(sim: Sim, payment: Obj, amount: int, data: dict[str, Any]) -> Obj:
    created = sim.clock.now()
    return {
        "id": sim.ids.razorpay("disp"),
        "entity": "dispute",
        "payment_id": payment["id"],
        "amount": amount,
        "currency": payment["currency"],
        "amount_deducted": 0,
        "gateway_dispute_id": sim.ids.token(10).upper(),
        "reason_code": str(data.get("reason") or "chargeback"),
        "reason_description": "The customer's bank raised a chargeback.",
        "respond_by": created + sim.clock.days(RESPONSE_WINDOW_DAYS),
        "status": "open",
        "phase": "chargeback",
        "comments": None,
        "created_at": created,
        "evidence": {
            "amount": amount,
            "summary": None,
            **dict.fromkeys(PROOFS),
            "others": None,
            "submitted_at": None,
        },
    }
