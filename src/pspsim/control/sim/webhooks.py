"""Where webhooks go and what was delivered: endpoints, the delivery log, Razorpay's events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from pspsim.control.common import ControlError, control

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


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
