"""`POST /v1/refunds`: full or partial, never beyond what was captured. A refund counts
against the charge as soon as it is created (`charge.refunded` fires then, as Stripe's
does); `PUT /_sim/refund_behaviour` scripts how the next refunds settle, including a
create call that answers `succeeded` while the refund later fails."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_str
from pspsim.stripe.refunds.amount import refund_amount
from pspsim.stripe.refunds.objects import refund_object
from pspsim.stripe.refunds.refundable_charge import refundable_charge
from pspsim.stripe.refunds.settlement import settle

if TYPE_CHECKING:
    from pspsim.state import Sim


REASONS = ("duplicate", "fraudulent", "requested_by_customer")


def create(sim: Sim, params: Params) -> Obj:
    charge = refundable_charge(sim, params)
    amount = refund_amount(params, charge)
    reason = opt_str(params, "reason")
    if reason is not None and reason not in REASONS:
        raise invalid(f"Invalid reason: {reason}", param="reason")
    behaviour = sim.refund_behaviour["stripe"]
    refund = refund_object(sim, charge, amount, reason, params)
    sim.store.stripe[refund["id"]] = refund
    previous = {"amount_refunded": charge["amount_refunded"], "refunded": charge["refunded"]}
    charge["amount_refunded"] += amount
    charge["refunded"] = charge["amount_refunded"] >= charge["amount_captured"]
    events.emit(sim, "refund.created", refund)
    events.emit(sim, "charge.refunded", charge, previous)
    if behaviour.settle_after_s is not None:
        refund_id = refund["id"]

        async def settle_later() -> None:
            current = sim.store.stripe.get(refund_id)
            if current is not None and not current["_settled"]:
                settle(sim, current, "succeed" if current["_final"] == "succeeded" else "fail")

        sim.timers.after(behaviour.settle_after_s, settle_later)
    return refund
