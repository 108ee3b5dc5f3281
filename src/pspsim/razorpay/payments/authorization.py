"""An authorized payment; one not captured within
`SimConfig.razorpay_auto_refund_after_s` is refunded automatically, as Razorpay does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.refunds import auto_refunds
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def authorize(sim: Sim, payment: Obj) -> Obj:
    payment["status"] = "authorized"
    payment["acquirer_data"] = {"auth_code": sim.ids.token(6).upper()}
    events.emit(sim, "payment.authorized", {"payment": payment})
    payment_id = payment["id"]

    async def auto_refund() -> None:
        current = sim.store.razorpay.get(payment_id)
        if current is not None and current["status"] == "authorized":
            auto_refunds.auto_refund(sim, current)

    sim.timers.after(sim.config.razorpay_auto_refund_after_s, auto_refund)
    return payment
