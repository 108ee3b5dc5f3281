"""Stripe's hosted invoice page: the payer pays an open invoice, completing 3D Secure
when its payment waits for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError
from pspsim.control.stripe.payment_intents import pay_intent
from pspsim.pages.handling import ACTION_OUTCOME, guard, read_action
from pspsim.pages.markup import form, page, result_page
from pspsim.stripe.invoices.lookup import get as get_invoice

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/stripe/invoice/{invoice_id}")
async def invoice_page(request: Request, invoice_id: str) -> Response:
    def show(sim: Sim) -> Response:
        invoice = get_invoice(sim, invoice_id)
        if invoice["status"] != "open":
            return page("Invoice", f"<p>This invoice is {invoice['status']}.</p>")
        pi = sim.store.stripe[invoice["_payment_intent"]]
        note = "Authenticate this payment" if pi["status"] == "requires_action" else "Pay"
        return page("Invoice", form(invoice["amount_remaining"], invoice["currency"], note))

    return guard(show)(request)


@router.post("/stripe/invoice/{invoice_id}")
async def invoice_act(request: Request, invoice_id: str) -> Response:
    action = await read_action(request)

    def act(sim: Sim) -> Response:
        invoice = get_invoice(sim, invoice_id)
        if action == "abandon":
            return result_page("Invoice left open", {"invoice": invoice_id})
        if invoice["status"] != "open":
            raise ControlError(f"This invoice is {invoice['status']}.")
        chosen = {"outcome": ACTION_OUTCOME[action]}
        pi = pay_intent(sim, invoice["_payment_intent"], chosen)
        return result_page(f"Invoice {invoice['status']}", {"invoice": invoice_id, "payment": pi})

    return guard(act)(request)
