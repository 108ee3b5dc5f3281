"""How an invoice follows the PaymentIntent it owns: its outcome drives `invoice.paid`,
`invoice.payment_failed` or `invoice.payment_action_required`, then the subscription."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import followers
from pspsim.stripe.invoices.failures import failed
from pspsim.stripe.invoices.lookup import subscription_id
from pspsim.stripe.invoices.paid import mark_paid

if TYPE_CHECKING:
    from pspsim.state import Sim


def on_invoice_payment_outcome(sim: Sim, pi: Obj) -> None:
    """Follow the invoice's PaymentIntent: mark the invoice, then move the subscription."""
    invoice = sim.store.stripe[pi["_invoice"]]
    if invoice["status"] != "open":
        return
    if pi["status"] == "succeeded":
        invoice["attempted"] = True
        invoice["attempt_count"] += 1
        sub = sim.store.stripe.get(subscription_id(invoice))
        if sub is not None and pi.get("payment_method"):
            followers.invoice_follower().save_default_method(sim, sub, str(pi["payment_method"]))
        mark_paid(sim, invoice, sim.clock.now())
    elif pi["status"] == "requires_payment_method":
        failed(sim, invoice, "invoice.payment_failed")
    elif pi["status"] == "requires_action":
        failed(sim, invoice, "invoice.payment_action_required")


followers.follow_payments("_invoice", on_invoice_payment_outcome)
