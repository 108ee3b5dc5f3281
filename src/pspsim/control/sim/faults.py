"""The faults injected into the PSP APIs and webhooks: read, set, clear."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from pspsim.control.common import ControlError, control

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


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
