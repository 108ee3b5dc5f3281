"""How a subscription follows its invoices: paid makes it `active`, failed `past_due`;
a renewal invoice sends `customer.subscription.updated` with the previous latest invoice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import events, followers
from pspsim.stripe.subscriptions.cancellation import end_unpaid
from pspsim.stripe.subscriptions.default_method import save_default_method

if TYPE_CHECKING:
    from pspsim.state import Sim


def on_invoice(sim: Sim, invoice: Obj, *, paid: bool) -> None:
    """Move the subscription after one of its invoices was paid or failed."""
    sub_id = invoice["parent"]["subscription_details"]["subscription"]
    sub = sim.store.stripe[sub_id]
    if sub["status"] == "canceled":
        return
    before = sub["status"]
    if paid and invoice["amount_due"] > 0:
        sub["status"] = "active"
    elif not paid and before in ("active", "trialing"):
        sub["status"] = "past_due"
    renewal = invoice["billing_reason"] == "subscription_cycle"
    if sub["status"] != before or renewal:
        previous: dict[str, Any] = {"status": before} if sub["status"] != before else {}
        if renewal:
            previous["latest_invoice"] = sub.get("_previous_invoice")
        events.emit(sim, "customer.subscription.updated", sub, previous)


followers.follow_invoices(
    followers.InvoiceFollower(
        on_invoice=lambda sim, invoice, paid: on_invoice(sim, invoice, paid=paid),
        save_default_method=save_default_method,
        end_unpaid=end_unpaid,
    )
)
