"""Auto-refunds of uncaptured payments, as Razorpay makes them after its window: their
refund events carry a payment with `captured: false`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.refunds.entities import new_refund
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def auto_refund(sim: Sim, payment: Obj) -> Obj:
    """Refund an authorized payment nobody captured, as Razorpay does after its window."""
    refund = new_refund(sim, payment, payment["amount"], {}, "processed")
    refund["_settled"] = True
    events.emit(sim, "refund.created", {"refund": refund, "payment": payment})
    events.emit(sim, "refund.processed", {"refund": refund, "payment": payment})
    return refund
