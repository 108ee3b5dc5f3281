"""The payer saving a card on a SetupIntent (a control call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.store import render
from pspsim.stripe.setup_intents.lookup import get as get_setup_intent
from pspsim.stripe.setup_intents.payer import act_as_payer

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/setup_intents/{si_id}/confirm")
async def confirm_setup_intent(request: Request, si_id: str) -> Response:
    """The payer saving a card (`{"outcome": "succeed" | "decline" | "authenticate"}`);
    on a SetupIntent waiting for 3D Secure, `succeed` completes it."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        si = get_setup_intent(sim, si_id)
        result = outcome(data, ("succeed", "decline", "authenticate"))
        return render(act_as_payer(sim, si, result))

    return await control(request, act)
