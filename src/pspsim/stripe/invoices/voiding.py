"""`POST /v1/invoices/{id}/void`: an open (or uncollectible) invoice that must never be
paid. Its PaymentIntent is canceled with it (`void_invoice`), so neither the merchant's
`pay` nor the payer's confirmation can charge it any more; `invoice.voided` is sent.

A paid invoice cannot be voided (the payment won), nor one whose payment is still
`processing` (its outcome is not known yet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.errors import invalid
from pspsim.stripe.invoices.lookup import get as get_invoice
from pspsim.stripe.params import Params
from pspsim.stripe.payment_intents.cancellation import CANCELABLE, cancel

if TYPE_CHECKING:
    from pspsim.state import Sim

ALLOWED = {"expand"}
VOIDABLE = {"open", "uncollectible"}


def void(sim: Sim, invoice_id: str, _params: Params) -> Obj:
    invoice = get_invoice(sim, invoice_id)
    if invoice["status"] not in VOIDABLE:
        raise invalid(
            f"You can only void an open or uncollectible invoice; this one is {invoice['status']}."
        )
    pi = sim.store.stripe.get(invoice.get("_payment_intent") or "")
    if pi is not None and pi["status"] == "processing":
        raise invalid("This invoice has a payment in progress and cannot be voided.")
    if pi is not None and pi["status"] in CANCELABLE:
        cancel(sim, pi["id"], {"cancellation_reason": "void_invoice"}, by_owner=True)
    ts = sim.clock.now()
    invoice.update(status="void", auto_advance=False, next_payment_attempt=None)
    invoice["status_transitions"]["voided_at"] = ts
    for payment in invoice["payments"]["data"]:
        if payment["status"] == "open":
            payment["status"] = "canceled"
            payment["status_transitions"]["canceled_at"] = ts
    events.emit(sim, "invoice.voided", invoice)
    return invoice
