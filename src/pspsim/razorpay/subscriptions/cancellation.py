"""Cancelling a subscription: at once, or at the end of its current cycle
(`cancel_at_cycle_end`), which the next renewal carries out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay import events
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.subscriptions.lookup import get
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


NOT_CANCELLABLE = ("cancelled", "completed", "expired")


def cancel(sim: Sim, sub_id: str, params: dict[str, Any], _request: object = None) -> Obj:
    sub = get(sim, sub_id)
    if sub["status"] in NOT_CANCELLABLE:
        raise bad_request(f"Subscription is not cancellable in {sub['status']} status.")
    if str(params.get("cancel_at_cycle_end", 0)) in ("1", "True", "true"):
        sub.update(
            has_scheduled_changes=True,
            change_scheduled_at=sub["current_end"],
            end_at=sub["current_end"],
            _cancel_at_cycle_end=True,
        )
        return sub
    return cancel_now(sim, sub)


def cancel_now(sim: Sim, sub: Obj) -> Obj:
    sub.update(
        status="cancelled",
        ended_at=sim.clock.now(),
        charge_at=None,
        has_scheduled_changes=False,
        _retry_at=None,
    )
    events.emit(sim, "subscription.cancelled", {"subscription": sub})
    return sub
