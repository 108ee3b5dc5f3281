"""How a customer's saved card behaves from now on (a control call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.store import render
from pspsim.stripe.cards import OUTCOME_CARDS
from pspsim.stripe.catalog.lookup import get as get_catalog

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.put("/customers/{customer_id}/default_payment_method")
async def set_default_payment_method(request: Request, customer_id: str) -> Response:
    """How the customer's saved card behaves from now on (`{"outcome": "succeed" |
    "decline" | "authenticate"}`): it governs whatever method their renewals, Stripe's
    retries and `POST /v1/invoices/{id}/pay` charge. A customer with no card on file at
    all gets one (the payer adding a card)."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        customer = get_catalog(sim, "customer", customer_id, "customer")
        result = outcome(data, ("succeed", "decline", "authenticate"))
        customer["_outcome"] = result
        settings = customer["invoice_settings"]
        if not settings["default_payment_method"]:
            settings["default_payment_method"] = OUTCOME_CARDS[result]
        return {**render(customer), "payment_method": {"outcome": result}}

    return await control(request, act)
