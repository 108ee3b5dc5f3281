"""Control calls for Razorpay chargebacks: the bank raising one, and deciding it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control
from pspsim.razorpay.disputes.closing import decide
from pspsim.razorpay.disputes.opening import open_dispute
from pspsim.store import render

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/payments/{payment_id}/dispute")
async def dispute_payment(request: Request, payment_id: str) -> Response:
    """The payer's bank raising a chargeback: body `{"amount"?, "reason"?}`."""
    return await control(request, lambda sim, data: render(open_dispute(sim, payment_id, data)))


@router.post("/disputes/{dispute_id}/close")
async def decide_dispute(request: Request, dispute_id: str) -> Response:
    """The bank's decision: body `{"status": "won"|"lost"}`."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        status = data.get("status")
        if status not in ("won", "lost"):
            raise ControlError("status must be won or lost")
        return render(decide(sim, dispute_id, status))

    return await control(request, act)
