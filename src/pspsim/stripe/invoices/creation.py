"""A subscription's invoice for its current period, with the PaymentIntent it is paid
through; a trial's first invoice is for nothing and is paid at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Loading payment_outcomes registers how an invoice follows its PaymentIntent.
import pspsim.stripe.invoices.payment_outcomes  # noqa: F401
from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.invoices.line_items import line_item
from pspsim.stripe.invoices.objects import invoice_object
from pspsim.stripe.invoices.paid import mark_paid
from pspsim.stripe.invoices.payment_intent import invoice_payment_intent

if TYPE_CHECKING:
    from pspsim.state import Sim


def new_invoice(sim: Sim, sub: Obj, billing_reason: str, *, trial: bool = False) -> Obj:
    """An open invoice for the subscription's current period, with its PaymentIntent; a
    trial's invoice is for nothing, has no PaymentIntent and is paid at once."""
    invoice_id = sim.ids.stripe("in")
    items = sub["items"]["data"]
    lines = [line_item(sim, invoice_id, sub, item) for item in items]
    if trial:
        for line in lines:
            line.update(amount=0, subtotal=0, description=f"Trial period for {line['quantity']} x")
    total = sum(line["amount"] for line in lines)
    ts = sim.clock.now()
    customer = sim.store.stripe.get(sub["customer"], {})
    if trial:
        invoice = invoice_object(
            sim, invoice_id, sub, billing_reason, lines, total, ts, customer, None
        )
        sim.store.stripe[invoice_id] = invoice
        events.emit(sim, "invoice.created", invoice)
        events.emit(sim, "invoice.finalized", invoice)
        mark_paid(sim, invoice, ts)
        return invoice
    pi = invoice_payment_intent(sim, sub, invoice_id, total, billing_reason)
    invoice = invoice_object(sim, invoice_id, sub, billing_reason, lines, total, ts, customer, pi)
    sim.store.stripe[invoice_id] = invoice
    events.emit(sim, "invoice.created", invoice)
    events.emit(sim, "invoice.finalized", invoice)
    return invoice
