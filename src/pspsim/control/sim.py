"""Control calls about the simulator itself: health, reset, faults, webhook endpoints,
the delivery log, scripted refund behaviour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from pspsim.control.common import ControlError, control
from pspsim.state import RefundBehaviour

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter(prefix="/_sim")
FINAL = {"stripe": ("succeeded", "failed"), "razorpay": ("processed", "succeeded", "failed")}


@router.get("/health")
async def health() -> Response:
    return JSONResponse({"status": "ok"})


@router.post("/reset")
async def reset(request: Request) -> Response:
    request.app.state.sim.reset()
    return JSONResponse({"status": "reset"})


@router.get("/faults")
async def get_faults(request: Request) -> Response:
    return JSONResponse(request.app.state.sim.faults.public())


@router.put("/faults")
async def put_faults(request: Request) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        try:
            sim.faults.update(data)
        except (ValueError, TypeError) as err:
            raise ControlError(str(err)) from None
        return sim.faults.public()

    return await control(request, act)


@router.delete("/faults")
async def delete_faults(request: Request) -> Response:
    sim: Sim = request.app.state.sim
    sim.faults.update({k: v for k, v in type(sim.faults)().public().items()})
    return JSONResponse(sim.faults.public())


@router.get("/webhook_endpoints")
async def get_endpoints(request: Request) -> Response:
    return JSONResponse(request.app.state.sim.webhook_urls)


@router.put("/webhook_endpoints")
async def put_endpoints(request: Request) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        for gateway, url in data.items():
            if gateway not in sim.webhook_urls:
                raise ControlError(f"unknown gateway {gateway}")
            if url is not None and not str(url).startswith(("http://", "https://")):
                raise ControlError(f"{gateway} url must be http(s)")
            sim.webhook_urls[gateway] = url
        return dict(sim.webhook_urls)

    return await control(request, act)


@router.get("/webhooks")
async def webhook_log(request: Request) -> Response:
    sim: Sim = request.app.state.sim
    entries = sim.webhooks.log
    for key in ("gateway", "event_id", "type"):
        value = request.query_params.get(key)
        if value:
            entries = [e for e in entries if e[key] == value]
    return JSONResponse({"data": entries, "count": len(entries)})


@router.get("/razorpay/events")
async def razorpay_events(request: Request) -> Response:
    return JSONResponse({"data": request.app.state.sim.store.razorpay_events})


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
