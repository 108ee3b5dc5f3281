"""One billing pass: everything due by now, earliest first. It runs on the server's loop
without awaiting in between, so no request sees a half-done renewal."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pspsim.billing.due import due_at, subscriptions
from pspsim.razorpay import renewals as razorpay_renewals
from pspsim.stripe.subscriptions import renewals as stripe_renewals

if TYPE_CHECKING:
    from pspsim.state import Sim


log = logging.getLogger("pspsim.billing")


#: Bound on the actions of one pass, so a bug cannot spin the loop forever.
MAX_ACTIONS = 100_000


def run_due(sim: Sim) -> int:
    """Run everything due by now, earliest first; the number of actions run."""
    ran = 0
    while ran < MAX_ACTIONS:
        now = sim.clock.now()
        due = [(t, g, s) for g, s in subscriptions(sim) if (t := due_at(sim, g, s)) is not None]
        due = [d for d in due if d[0] <= now]
        if not due:
            return ran
        _, gateway, sub = min(due, key=lambda d: d[0])
        runner = stripe_renewals.run_due if gateway == "stripe" else razorpay_renewals.run_due
        if not runner(sim, sub, now):
            return ran  # due but nothing to do: a bug; never spin on it
        ran += 1
    log.error("billing pass stopped after %s actions", ran)
    return ran
