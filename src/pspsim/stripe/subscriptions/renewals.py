"""What Stripe does by itself on its clock: renew at period and trial ends, retry a
failed renewal invoice on its schedule.

`due_at` says when a subscription next needs Stripe; `run_due` does what fell due by now.
The billing engine (`pspsim.billing`) calls both: its ticker, `POST /_sim/clock/advance`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.invoices.off_session import retry
from pspsim.stripe.subscriptions.cycle import LIVE, renew
from pspsim.stripe.subscriptions.periods import period_end

if TYPE_CHECKING:
    from pspsim.state import Sim


def _open_retry(sim: Sim, sub: Obj) -> Obj | None:
    invoice = sim.store.stripe.get(sub.get("latest_invoice") or "")
    if invoice is None or invoice["status"] != "open" or invoice.get("_retry_at") is None:
        return None
    return invoice


def due_at(sim: Sim, sub: Obj) -> int | None:
    """When Stripe next acts on `sub` (a renewal or a retry), or None."""
    if sub["status"] not in LIVE:
        return None
    when = period_end(sub)
    invoice = _open_retry(sim, sub)
    if invoice is not None:
        when = min(when, int(invoice["_retry_at"]))
    return when


def run_due(sim: Sim, sub: Obj, now: int) -> bool:
    """Do the one thing that fell due first; True when something ran."""
    if sub["status"] not in LIVE:
        return False
    invoice = _open_retry(sim, sub)
    if invoice is not None and invoice["_retry_at"] <= now:
        retry(sim, invoice)
        return True
    if period_end(sub) <= now:
        renew(sim, sub, None)
        return True
    return False
