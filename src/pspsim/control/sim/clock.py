"""The simulator's test clock: read it, or advance it, running the billing that fell due."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from pspsim.billing.clock_advance import advance
from pspsim.billing.due import next_due
from pspsim.control.common import ControlError, control

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/clock")
async def get_clock(request: Request) -> Response:
    sim: Sim = request.app.state.sim
    return JSONResponse(clock_state(sim))


def clock_state(sim: Sim) -> dict[str, Any]:
    return {
        "now": sim.clock.now(),
        "offset_s": sim.clock.offset,
        "seconds_per_day": sim.clock.seconds_per_day,
        "next_due": next_due(sim),
    }


@router.post("/clock/advance")
async def advance_clock(request: Request) -> Response:
    """Move both PSPs' clock `{"seconds": N}` forward; answers once every renewal,
    retry and webhook-queueing that fell due on the way has run."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        seconds = data.get("seconds")
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
            raise ControlError("seconds must be a non-negative integer")
        if seconds > 20 * 366 * 86400:
            raise ControlError("seconds must be at most twenty years")
        ran = advance(sim, seconds)
        return {**clock_state(sim), "ran": ran}

    return await control(request, act)
