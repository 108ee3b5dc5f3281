"""A SetupIntent's page: the payer saves a card (or declines to)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.pages.handling import ACTION_OUTCOME, guard, read_action
from pspsim.pages.markup import form, page, result_page
from pspsim.stripe.setup_intents.lookup import get as get_setup_intent
from pspsim.stripe.setup_intents.payer import act_as_payer

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/stripe/setup_intent/{si_id}")
async def setup_page(request: Request, si_id: str) -> Response:
    def show(sim: Sim) -> Response:
        si = get_setup_intent(sim, si_id)
        return page("Save your card", form(0, "usd", si["status"]))

    return guard(show)(request)


@router.post("/stripe/setup_intent/{si_id}")
async def setup_act(request: Request, si_id: str) -> Response:
    action = await read_action(request)

    def act(sim: Sim) -> Response:
        si = get_setup_intent(sim, si_id)
        if action == "abandon":
            return result_page("Card not saved", {"setup_intent": si_id})
        act_as_payer(sim, si, ACTION_OUTCOME[action])
        return result_page(f"Setup {si['status']}", {"setup_intent": si_id, "status": si["status"]})

    return guard(act)(request)
