"""Finding a Razorpay payment by id (a leaf: refunds need it, and authorization, whose
uncaptured payments are auto-refunded, imports refunds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.errors import not_found
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def get_payment(sim: Sim, payment_id: str) -> Obj:
    payment = sim.store.razorpay.get(payment_id)
    if payment is None or payment.get("entity") != "payment":
        raise not_found()
    return payment
