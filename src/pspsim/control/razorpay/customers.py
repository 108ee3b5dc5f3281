"""How a Razorpay customer's saved card behaves from now on (a control call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.razorpay.customers import lookup as customer_lookup
from pspsim.store import render

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.put("/customers/{customer_id}/payment_method")
async def set_payment_method(request: Request, customer_id: str) -> Response:
    """How the customer's saved card behaves from now on (`{"outcome": "succeed" |
    "decline"}`): what Razorpay's own charges of their subscriptions get."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        customer = customer_lookup.get(sim, customer_id)
        customer["_outcome"] = outcome(data)
        return {**render(customer), "payment_method": {"outcome": customer["_outcome"]}}

    return await control(request, act)
