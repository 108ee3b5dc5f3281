"""Control calls for the simulator's own life: health, and reset to a clean state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.get("/health")
async def health() -> Response:
    return JSONResponse({"status": "ok"})


@router.post("/reset")
async def reset(request: Request) -> Response:
    request.app.state.sim.reset()
    return JSONResponse({"status": "reset"})
