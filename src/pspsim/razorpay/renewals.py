"""What Razorpay does by itself on its clock: the first charge when a trial ends, a
charge at each `charge_at`, a retry of a failed one every `razorpay_retry_days`.

Called by the billing engine (`pspsim.billing`); a halted subscription waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.subscriptions.cancellation import cancel_now
from pspsim.razorpay.subscriptions.renewal import charge_saved
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def due_at(sim: Sim, sub: Obj) -> int | None:
    """When Razorpay next charges `sub`, or None."""
    if sub["status"] in ("authenticated", "active") and sub["charge_at"] is not None:
        return int(sub["charge_at"])
    if sub["status"] == "pending" and sub.get("_retry_at") is not None:
        return int(sub["_retry_at"])
    return None


def run_due(sim: Sim, sub: Obj, now: int) -> bool:
    """Charge `sub` if it fell due; True when something ran."""
    when = due_at(sim, sub)
    if when is None or when > now:
        return False
    if sub.get("_cancel_at_cycle_end"):
        cancel_now(sim, sub)
        return True
    charge_saved(sim, sub)
    return True
