"""A paid invoice: `invoice.paid` and `invoice.payment_succeeded`, and its subscription told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events, followers

if TYPE_CHECKING:
    from pspsim.state import Sim


def mark_paid(sim: Sim, invoice: Obj, ts: int) -> None:
    invoice.update(
        status="paid",
        amount_paid=invoice["amount_due"],
        amount_remaining=0,
        next_payment_attempt=None,
        _retry_at=None,
    )
    invoice["status_transitions"]["paid_at"] = ts
    for payment in invoice["payments"]["data"]:
        payment.update(status="paid", amount_paid=invoice["amount_due"])
        payment["status_transitions"]["paid_at"] = ts
    events.emit(sim, "invoice.paid", invoice)
    events.emit(sim, "invoice.payment_succeeded", invoice)
    followers.invoice_follower().on_invoice(sim, invoice, True)
