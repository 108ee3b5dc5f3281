"""A new refund entity, counted against its payment at once (`refund_status` partial or
full; a fully refunded payment is `refunded`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import notes
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def new_refund(sim: Sim, payment: Obj, amount: int, params: dict[str, Any], status: str) -> Obj:
    refund: Obj = {
        "id": sim.ids.razorpay("rfnd"),
        "entity": "refund",
        "amount": amount,
        "currency": payment["currency"],
        "payment_id": payment["id"],
        "notes": notes(params.get("notes")),
        "receipt": params.get("receipt"),
        "acquirer_data": {"arn": None},
        "created_at": sim.clock.now(),
        "batch_id": None,
        "status": status,
        "speed_processed": "normal",
        "speed_requested": params.get("speed") or "normal",
        "_settled": False,
    }
    sim.store.razorpay[refund["id"]] = refund
    payment["amount_refunded"] += amount
    full = payment["amount_refunded"] >= payment["amount"]
    payment["refund_status"] = "full" if full else "partial"
    if full:
        payment["status"] = "refunded"
    return refund
