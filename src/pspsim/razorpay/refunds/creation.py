"""Creating a refund, never beyond what was captured; it settles on a timer or control call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay import amounts, events
from pspsim.razorpay.api.fields import req_int
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.payments.lookup import get_payment
from pspsim.razorpay.refunds import behaviour_status, entities, idempotency
from pspsim.razorpay.refunds.settlement import settle
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def create(sim: Sim, payment_id: str, params: dict[str, Any], key: str | None) -> Obj:
    replay = idempotency.replayed(sim, payment_id, params, key)
    if replay is not None:
        return replay
    payment = get_payment(sim, payment_id)
    if payment["status"] not in ("captured", "refunded") or not payment["captured"]:
        raise bad_request("The payment has not been captured yet, so it cannot be refunded.")
    left = payment["amount"] - payment["amount_refunded"]
    if left <= 0:
        raise bad_request("The payment has been fully refunded already.")
    amount = left if params.get("amount") in (None, "") else req_int(params, "amount")
    if amount <= 0:
        raise bad_request("The amount must be atleast INR 1.00.", "amount")
    amounts.check_unit(amount, payment["currency"])
    if amount > left:
        raise bad_request("The refund amount provided is greater than amount captured.", "amount")
    behaviour = sim.refund_behaviour["razorpay"]
    status = behaviour_status.scripted(behaviour.sync_status) or "pending"
    refund = entities.new_refund(sim, payment, amount, params, status)
    refund["_final"] = behaviour_status.scripted(behaviour.final_status) or "processed"
    idempotency.remember(sim, payment_id, params, key, refund)
    events.emit(sim, "refund.created", {"refund": refund, "payment": payment})
    if behaviour.settle_after_s is not None:
        refund_id = refund["id"]

        async def settle_later() -> None:
            current = sim.store.razorpay.get(refund_id)
            if current is not None and not current["_settled"]:
                settle(sim, current, "succeed" if current["_final"] == "processed" else "fail")

        sim.timers.after(behaviour.settle_after_s, settle_later)
    return refund
