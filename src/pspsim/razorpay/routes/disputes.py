"""Razorpay dispute routes: list, read, accept, contest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay.api.fields import collection
from pspsim.razorpay.api.running import run
from pspsim.razorpay.disputes import closing, contest, lookup

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.get("/v1/disputes")
async def list_disputes(request: Request) -> Response:
    return await run(request, lambda sim, p, r: collection(lookup.list_disputes(sim, p)))


@router.get("/v1/disputes/{dispute_id}")
async def get_dispute(request: Request, dispute_id: str) -> Response:
    return await run(request, lambda sim, p, r: lookup.get(sim, dispute_id))


@router.post("/v1/disputes/{dispute_id}/accept")
async def accept_dispute(request: Request, dispute_id: str) -> Response:
    return await run(request, lambda sim, p, r: closing.accept(sim, dispute_id))


@router.patch("/v1/disputes/{dispute_id}/contest")
async def contest_dispute(request: Request, dispute_id: str) -> Response:
    return await run(request, lambda sim, p, r: contest.contest(sim, dispute_id, p))
