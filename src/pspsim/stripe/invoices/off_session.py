"""Stripe's own attempts at an open renewal invoice: charged off-session to the saved
method only; with no method the attempt fails. Failed renewals are retried on schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.confirmation.confirming import CONFIRMABLE, confirm_with
from pspsim.stripe.invoices.failures import failed
from pspsim.stripe.invoices.saved_methods import customer_outcome, saved_method

if TYPE_CHECKING:
    from pspsim.state import Sim


def charge_off_session(sim: Sim, invoice: Obj) -> Obj:
    """Stripe's own attempt at an open invoice: the saved method, or a failed attempt."""
    pi = sim.store.stripe[invoice["_payment_intent"]]
    pm = saved_method(sim, invoice)
    if pm is None:
        no_payment_method(sim, invoice, pi)
        return invoice
    confirm_with(sim, pi, pm, raise_on_decline=False, outcome=customer_outcome(sim, invoice))
    return invoice


def no_payment_method(sim: Sim, invoice: Obj, pi: Obj) -> None:
    pi["last_payment_error"] = {
        "code": "invoice_no_customer_line_items",
        "message": "This customer has no attached payment source or default payment method.",
        "type": "invalid_request_error",
    }
    failed(sim, invoice, "invoice.payment_failed")


def retry(sim: Sim, invoice: Obj) -> None:
    """Stripe's scheduled retry of a failed renewal invoice."""
    invoice["_retry_at"] = None
    pi = sim.store.stripe[invoice["_payment_intent"]]
    if pi["status"] not in CONFIRMABLE:
        return
    charge_off_session(sim, invoice)
