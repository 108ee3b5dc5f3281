"""Renewing a subscription for one more billing cycle.

Billing periods live on the items (`items.data[].current_period_*`), as in today's API;
the subscription itself carries none. Stripe renews by itself at each period end (and
trial end) on the simulator's clock (`renewals`); the control call
`/_sim/stripe/subscriptions/{id}/renew` renews one now with a chosen outcome.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import invalid
from pspsim.stripe.invoices import creation, off_session, paying
from pspsim.stripe.subscriptions.scheduled_cancellation import end_at_period_end

if TYPE_CHECKING:
    from pspsim.state import Sim

LIVE = ("active", "past_due", "trialing")


def renew(sim: Sim, sub: Obj, outcome: str | None = None) -> Obj | None:
    """Start the next period on every item, invoice it and try to pay it: with a card
    giving `outcome` (the control call), or with the saved method (Stripe's own renewal,
    `outcome=None`). A subscription set to cancel at the period's end is canceled
    instead (no invoice: None)."""
    if sub["status"] not in LIVE:
        raise invalid(f"Subscription is {sub['status']}; only live subscriptions renew.")
    if sub["cancel_at_period_end"]:
        end_at_period_end(sim, sub)
        return None
    trial_ending = sub["status"] == "trialing"
    for item in sub["items"]["data"]:
        recurring = item["price"]["recurring"]
        item["current_period_start"] = item["current_period_end"]
        item["current_period_end"] = sim.clock.add_interval(
            item["current_period_end"], recurring["interval"], recurring["interval_count"]
        )
    sub["_previous_invoice"] = sub["latest_invoice"]
    invoice = creation.new_invoice(sim, sub, "subscription_cycle")
    sub["latest_invoice"] = invoice["id"]
    if trial_ending:
        sub["pending_setup_intent"] = None
    if outcome is None:
        off_session.charge_off_session(sim, invoice)
    else:
        paying.pay(sim, invoice, outcome)
    return invoice
