"""When each billed subscription next needs its PSP (both PSPs renew by themselves, on
the simulator's clock, as Stripe and Razorpay do)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pspsim.razorpay import renewals as razorpay_renewals
from pspsim.store import Obj
from pspsim.stripe.subscriptions import renewals as stripe_renewals

if TYPE_CHECKING:
    from pspsim.state import Sim


def subscriptions(sim: Sim) -> Iterator[tuple[str, Obj]]:
    for gateway, sub_id in list(sim.store.billed):
        store = sim.store.stripe if gateway == "stripe" else sim.store.razorpay
        sub = store.get(sub_id)
        if sub is not None:
            yield gateway, sub


def due_at(sim: Sim, gateway: str, sub: Obj) -> int | None:
    if gateway == "stripe":
        return stripe_renewals.due_at(sim, sub)
    return razorpay_renewals.due_at(sim, sub)


def next_due(sim: Sim) -> int | None:
    """The earliest moment any subscription needs its PSP, or None."""
    times = [t for g, s in subscriptions(sim) if (t := due_at(sim, g, s)) is not None]
    return min(times) if times else None
