"""Each dispute change sends its `payment.dispute.*` webhook carrying the payment and
the dispute."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.payments.lookup import get_payment
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def notify(sim: Sim, name: str, dispute: Obj) -> None:
    payment = get_payment(sim, dispute["payment_id"])
    events.emit(sim, f"payment.dispute.{name}", {"payment": payment, "dispute": dispute})
