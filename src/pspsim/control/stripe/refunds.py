"""Control calls that finish a refund as the bank would: settle, or fail it after success."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.store import render
from pspsim.stripe.refunds import failures, lookup, settlement

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/refunds/{refund_id}/settle")
async def settle_refund(request: Request, refund_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        refund = lookup.get(sim, refund_id)
        return render(settlement.settle(sim, refund, outcome(data, ("succeed", "decline"))))

    return await control(request, act)


@router.post("/refunds/{refund_id}/fail")
async def fail_refund(request: Request, refund_id: str) -> Response:
    """The bank returning a refund Stripe had already reported `succeeded`."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        return render(failures.fail_after_success(sim, lookup.get(sim, refund_id)))

    return await control(request, act)
