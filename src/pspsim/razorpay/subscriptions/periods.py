"""Counting paid cycles: each paid charge starts the next period (its `charge_at` is
the period's end), and the subscription completes after `total_count` charges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay import events
from pspsim.razorpay.plans import PERIODS, get_plan
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def advance(sim: Sim, sub: Obj, start: int) -> None:
    plan = get_plan(sim, sub["plan_id"])
    unit, mult = PERIODS[plan["period"]]
    sub["current_start"] = start
    sub["current_end"] = sim.clock.add_interval(start, unit, mult * plan["interval"])
    sub["charge_at"] = sub["current_end"]
    sub["paid_count"] += 1
    sub["remaining_count"] = sub["total_count"] - sub["paid_count"]


def complete_if_done(sim: Sim, sub: Obj, payment: Obj) -> None:
    if sub["paid_count"] >= sub["total_count"]:
        sub.update(status="completed", ended_at=sim.clock.now(), end_at=sub["current_end"])
        events.emit(sim, "subscription.completed", {"subscription": sub, "payment": payment})
