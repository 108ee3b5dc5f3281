"""Control calls for chargebacks: the cardholder opening one, the network deciding it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control
from pspsim.store import render
from pspsim.stripe.disputes.closing import decide
from pspsim.stripe.disputes.opening import open_dispute
from pspsim.stripe.payment_intents.lookup import get as get_payment_intent

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/payment_intents/{pi_id}/dispute")
async def dispute_payment_intent(request: Request, pi_id: str) -> Response:
    """The cardholder disputing the charge: body `{"amount"?, "reason"?}`."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        amount = data.get("amount")
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
            raise ControlError("amount must be an integer")
        pi = get_payment_intent(sim, pi_id)
        return render(open_dispute(sim, pi, data))

    return await control(request, act)


@router.post("/disputes/{dispute_id}/close")
async def decide_dispute(request: Request, dispute_id: str) -> Response:
    """The card network's decision: body `{"status": "won"|"lost"}`."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        status = data.get("status")
        if status not in ("won", "lost"):
            raise ControlError("status must be won or lost")
        return render(decide(sim, dispute_id, status))

    return await control(request, act)
