"""Control call: every saved Idempotency-Key expires now, as 24 hours passing does at
Stripe (a retry after that is a new request; the product must not rely on the key)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/idempotency_keys/expire")
async def expire_idempotency_keys(request: Request) -> Response:
    def act(sim: Sim, _: dict[str, Any]) -> dict[str, Any]:
        expired = len(sim.idempotency)
        sim.idempotency.clear()
        return {"expired": expired}

    return await control(request, act)
