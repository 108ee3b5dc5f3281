"""Finding a Razorpay refund by id, and a payment's refunds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.errors import not_found
from pspsim.razorpay.payments.lookup import get_payment
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, refund_id: str) -> Obj:
    refund = sim.store.razorpay.get(refund_id)
    if refund is None or refund.get("entity") != "refund":
        raise not_found()
    return refund


def of_payment(sim: Sim, payment_id: str) -> list[Obj]:
    get_payment(sim, payment_id)
    return [
        r
        for r in sim.store.razorpay.values()
        if r.get("entity") == "refund" and r.get("payment_id") == payment_id
    ]
