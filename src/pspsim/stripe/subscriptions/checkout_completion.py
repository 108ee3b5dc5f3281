"""A subscription-mode Checkout Session paid by the payer: the customer (made from the
payer's email when the session had none), the subscription, its paid first invoice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.catalog.customers import create_customer
from pspsim.stripe.invoices.paying import pay as pay_invoice
from pspsim.stripe.subscriptions.starting import new_subscription

if TYPE_CHECKING:
    from pspsim.state import Sim


def complete_checkout(sim: Sim, session: Obj, outcome: str) -> Obj:
    """A subscription-mode Checkout Session paid by the payer: no subscription on decline."""
    if outcome != "succeed":
        return session
    customer_id = session["customer"]
    if not customer_id:
        email = session["customer_details"]["email"]
        customer_id = create_customer(sim, {"email": email})["id"]
        session["customer"] = customer_id
    prices = [(item["_price"], int(item["quantity"])) for item in session["_line_items"]]
    # Checkout saves the card it collected as the subscription's default.
    sub = new_subscription(
        sim, customer_id, prices, dict(session["_sub_metadata"]), save_default="on_subscription"
    )
    invoice = sim.store.stripe[sub["latest_invoice"]]
    pay_invoice(sim, invoice, "succeed")
    session.update(
        subscription=sub["id"], invoice=invoice["id"], status="complete", payment_status="paid"
    )
    events.emit(sim, "checkout.session.completed", session)
    return session
