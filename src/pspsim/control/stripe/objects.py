"""Reading any stored Stripe object as the simulator holds it, private fields included."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control
from pspsim.store import render

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/objects/{object_id}")
async def read_object(request: Request, object_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        obj = sim.store.stripe.get(object_id)
        if obj is None:
            raise ControlError(f"no object {object_id}", 404)
        return render(obj)

    return await control(request, act)
