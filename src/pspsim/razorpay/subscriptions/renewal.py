"""Razorpay charging the saved card by itself at each `charge_at` on the simulator's
clock (`renewals`), or now by a control call; a paid charge brings a pending or halted
subscription back to active."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.subscriptions.cancellation import cancel_now
from pspsim.razorpay.subscriptions.charges import charge
from pspsim.razorpay.subscriptions.outcomes import activate, failed, renewed
from pspsim.razorpay.subscriptions.saved_card import card_succeeds
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def charge_saved(sim: Sim, sub: Obj) -> Obj:
    """Razorpay's own charge at `charge_at` or at a retry: the first one of a trial that
    ends, a renewal, or a retry of a failed one."""
    succeed = card_succeeds(sim, sub)
    if sub["status"] == "authenticated":
        start = int(sub["charge_at"] or sim.clock.now())
        payment = charge(sim, sub, succeed)
        if succeed:
            activate(sim, sub, payment, start)
        else:
            failed(sim, sub, payment)
        return payment
    return renew(sim, sub, succeed)


def renew(sim: Sim, sub: Obj, succeed: bool) -> Obj:
    if sub["status"] not in ("active", "pending", "halted"):
        raise bad_request(f"Subscription is {sub['status']}; only live subscriptions renew.")
    if sub.get("_cancel_at_cycle_end"):
        cancel_now(sim, sub)
        raise bad_request("Subscription was cancelled at the end of its cycle.")
    payment = charge(sim, sub, succeed)
    if succeed:
        renewed(sim, sub, payment)
    else:
        failed(sim, sub, payment)
    return payment
