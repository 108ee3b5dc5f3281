"""Control calls that finish a Razorpay refund: settle it, or fire an uncaptured
payment's auto-refund now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control, outcome
from pspsim.razorpay.payments.lookup import get_payment
from pspsim.razorpay.refunds import auto_refunds, lookup, settlement
from pspsim.store import render

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/refunds/{refund_id}/settle")
async def settle_refund(request: Request, refund_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        refund = lookup.get(sim, refund_id)
        return render(settlement.settle(sim, refund, outcome(data)))

    return await control(request, act)


@router.post("/payments/{payment_id}/auto_refund")
async def auto_refund(request: Request, payment_id: str) -> Response:
    """Fire the uncaptured-payment auto-refund now instead of waiting for its timer."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        payment = get_payment(sim, payment_id)
        if payment["status"] != "authorized":
            raise ControlError(f"payment is {payment['status']}, not authorized")
        return render(auto_refunds.auto_refund(sim, payment))

    return await control(request, act)
