"""`cancel_at_period_end=true` keeps the subscription `active` (and billing nothing more)
until the current period ends, sets `cancel_at` to that end and `canceled_at` to the time
of the request; `false` takes the schedule back. At the period end the subscription
becomes `canceled` with `customer.subscription.deleted`, and no renewal invoice is made:
the simulator's renewal at the period end (or the renew control call) ends it instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.subscriptions.periods import period_end

if TYPE_CHECKING:
    from pspsim.state import Sim


def schedule(sim: Sim, sub: Obj, flag: bool, previous: dict[str, Any]) -> None:
    if flag == sub["cancel_at_period_end"]:
        return
    previous.update(
        cancel_at_period_end=sub["cancel_at_period_end"],
        cancel_at=sub["cancel_at"],
        canceled_at=sub["canceled_at"],
        cancellation_details=dict(sub["cancellation_details"]),
    )
    reason = "cancellation_requested" if flag else None
    sub.update(
        cancel_at_period_end=flag,
        cancel_at=period_end(sub) if flag else None,
        canceled_at=sim.clock.now() if flag else None,
    )
    sub["cancellation_details"]["reason"] = reason


def end_at_period_end(sim: Sim, sub: Obj) -> Obj:
    """The period a scheduled cancellation waited for has ended: cancel, bill nothing."""
    sub.update(status="canceled", ended_at=period_end(sub))
    sub["cancellation_details"]["reason"] = "cancellation_requested"
    events.emit(sim, "customer.subscription.deleted", sub)
    return sub
