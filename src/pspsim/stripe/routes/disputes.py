"""Dispute routes: list, read, submit evidence, accept (close)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.api.running import run
from pspsim.stripe.disputes import closing, listing, lookup, updates

router = APIRouter()


@router.get("/v1/disputes")
async def list_disputes(request: Request) -> Response:
    return await run(request, listing.list_disputes)


@router.get("/v1/disputes/{dispute}")
async def get_dispute(request: Request, dispute: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, dispute))


@router.post("/v1/disputes/{dispute}")
async def update_dispute(request: Request, dispute: str) -> Response:
    return await run(
        request,
        lambda sim, p: updates.update(sim, dispute, p),
        allowed=updates.ALLOWED_UPDATE,
    )


@router.post("/v1/disputes/{dispute}/close")
async def close_dispute(request: Request, dispute: str) -> Response:
    return await run(request, lambda sim, p: closing.close(sim, dispute), allowed={"expand"})
