"""A PaymentIntent's page: a 3D Secure challenge, or a payment the payer completes; it
links back to the intent's `return_url`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.stripe.payment_intents import pay_intent
from pspsim.pages.handling import ACTION_OUTCOME, guard, read_action
from pspsim.pages.markup import form, page, result_page
from pspsim.stripe.payment_intents.lookup import get as get_payment_intent

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/stripe/payment_intent/{pi_id}")
async def intent_page(request: Request, pi_id: str) -> Response:
    def show(sim: Sim) -> Response:
        pi = get_payment_intent(sim, pi_id)
        note = "Authenticate this payment" if pi["status"] == "requires_action" else pi["status"]
        return page("Payment", form(pi["amount"], pi["currency"], note))

    return guard(show)(request)


@router.post("/stripe/payment_intent/{pi_id}")
async def intent_act(request: Request, pi_id: str) -> Response:
    action = await read_action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return result_page("Payment abandoned", {"payment_intent": pi_id})
        pi = pay_intent(sim, pi_id, {"outcome": ACTION_OUTCOME[action]})
        return result_page(f"Payment {pi['status']}", pi, pi.get("_return_url"))

    return guard(act)(request)
