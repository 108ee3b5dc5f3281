"""Razorpay plan routes: create and read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay import plans
from pspsim.razorpay.api.running import run

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.post("/v1/plans")
async def create_plan(request: Request) -> Response:
    return await run(request, plans.create_plan)


@router.get("/v1/plans/{plan_id}")
async def get_plan(request: Request, plan_id: str) -> Response:
    return await run(request, lambda sim, p, r: plans.get_plan(sim, plan_id))
