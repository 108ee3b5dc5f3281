"""Scripted refund behaviour: how the next refunds of each PSP answer and settle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from pspsim.control.common import ControlError, control
from pspsim.state import RefundBehaviour

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()
FINAL = {"stripe": ("succeeded", "failed"), "razorpay": ("processed", "succeeded", "failed")}


@router.get("/refund_behaviour")
async def get_refund_behaviour(request: Request) -> Response:
    sim: Sim = request.app.state.sim
    return JSONResponse({k: v.public() for k, v in sim.refund_behaviour.items()})


@router.put("/refund_behaviour")
async def put_refund_behaviour(request: Request) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        gateway = data.get("gateway")
        if gateway not in FINAL:
            raise ControlError("gateway must be stripe or razorpay")
        final = data.get("final_status", "succeeded" if gateway == "stripe" else "processed")
        if final not in FINAL[gateway]:
            raise ControlError(f"final_status must be one of {list(FINAL[gateway])}")
        sync = data.get("sync_status")
        if sync not in (None, "pending", *FINAL[gateway]):
            raise ControlError("sync_status must be pending or a final status")
        settle = data.get("settle_after_s", sim.config.refund_settle_after_s)
        settle = None if settle is None else float(settle)
        sim.refund_behaviour[gateway] = RefundBehaviour(sync, final, settle)
        return sim.refund_behaviour[gateway].public()

    return await control(request, act)


@router.delete("/refund_behaviour")
async def delete_refund_behaviour(request: Request) -> Response:
    sim: Sim = request.app.state.sim
    sim.reset_refund_behaviour()
    return JSONResponse({k: v.public() for k, v in sim.refund_behaviour.items()})
