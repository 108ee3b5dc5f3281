"""The payer paying an open invoice (a control call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.store import render
from pspsim.stripe.invoices import paying
from pspsim.stripe.invoices.lookup import get as get_invoice

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/invoices/{invoice_id}/pay")
async def pay_invoice(request: Request, invoice_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        invoice = paying.pay(sim, get_invoice(sim, invoice_id), outcome(data))
        sub_id = invoice["parent"]["subscription_details"]["subscription"]
        return {"invoice": render(invoice), "subscription": render(sim.store.stripe[sub_id])}

    return await control(request, act)
