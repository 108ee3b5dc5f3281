"""A new subscription: `incomplete` until the first invoice is paid, then `active`; with
a trial, `trialing` at once (a paid $0 invoice). Both the API's create and a paid
subscription-mode Checkout Session start one here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Loading invoice_outcomes registers how a subscription follows its invoices.
import pspsim.stripe.subscriptions.invoice_outcomes  # noqa: F401
from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.invoices.creation import new_invoice
from pspsim.stripe.subscriptions.objects import subscription_item, subscription_object

if TYPE_CHECKING:
    from pspsim.state import Sim


def new_subscription(
    sim: Sim,
    customer_id: str,
    prices: list[tuple[Obj, int]],
    meta: dict[str, str],
    *,
    trial_end: int | None = None,
    save_default: str = "off",
) -> Obj:
    """An `incomplete` subscription with its first open invoice, or a `trialing` one
    (until `trial_end`) with its paid $0 invoice."""
    start = sim.clock.now()
    sub_id = sim.ids.stripe("sub")
    items = [subscription_item(sim, sub_id, price, qty, start, trial_end) for price, qty in prices]
    sub = subscription_object(
        sub_id,
        customer_id,
        items,
        meta,
        start=start,
        currency=prices[0][0]["currency"],
        trial_end=trial_end,
        save_default=save_default,
    )
    sim.store.stripe[sub_id] = sub
    sim.store.billed.append(("stripe", sub_id))
    invoice = new_invoice(sim, sub, "subscription_create", trial=trial_end is not None)
    sub["latest_invoice"] = invoice["id"]
    events.emit(sim, "customer.subscription.created", sub)
    return sub
