"""An async payment left `processing` settling, as the PSP settles it on its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.store import render
from pspsim.stripe.payment_intents.lookup import get as get_payment_intent
from pspsim.stripe.payment_intents.settlement import settle_processing

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/payment_intents/{pi_id}/settle")
async def settle_payment_intent(request: Request, pi_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        pi = get_payment_intent(sim, pi_id)
        return render(settle_processing(sim, pi, outcome(data)))

    return await control(request, act)
