"""What a charge's result does to a subscription: created -> authenticated (mandate) ->
active (first charge) -> pending (a renewal failed; retried every `razorpay_retry_days`)
-> halted (after `razorpay_halt_after_failures` failures in a row; charged no more)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.subscriptions.periods import advance, complete_if_done
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def activate(sim: Sim, sub: Obj, payment: Obj, start: int) -> None:
    sub["status"] = "active"
    sub["_failures"] = 0
    sub["_retry_at"] = None
    advance(sim, sub, start)
    events.emit(sim, "subscription.activated", {"subscription": sub})
    events.emit(sim, "subscription.charged", {"subscription": sub, "payment": payment})
    complete_if_done(sim, sub, payment)


def failed(sim: Sim, sub: Obj, payment: Obj) -> None:
    sub["_failures"] += 1
    halted = sub["_failures"] >= sim.config.razorpay_halt_after_failures
    sub["status"] = "halted" if halted else "pending"
    sub["_retry_at"] = (
        None if halted else sim.clock.now() + sim.clock.days(sim.config.razorpay_retry_days)
    )
    name = "subscription.halted" if halted else "subscription.pending"
    events.emit(sim, name, {"subscription": sub, "payment": payment})


def renewed(sim: Sim, sub: Obj, payment: Obj) -> None:
    """A paid renewal (or retry): back to active, on to the next period."""
    sub["_failures"] = 0
    sub["_retry_at"] = None
    sub["status"] = "active"
    advance(sim, sub, int(sub["current_end"] or sim.clock.now()))
    events.emit(sim, "subscription.charged", {"subscription": sub, "payment": payment})
    complete_if_done(sim, sub, payment)
