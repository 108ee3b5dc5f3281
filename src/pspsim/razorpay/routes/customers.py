"""Razorpay customer routes: create and read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay.api.running import run
from pspsim.razorpay.customers import creation, lookup

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.post("/v1/customers")
async def create_customer(request: Request) -> Response:
    return await run(request, creation.create)


@router.get("/v1/customers/{customer_id}")
async def get_customer(request: Request, customer_id: str) -> Response:
    return await run(request, lambda sim, p, r: lookup.get(sim, customer_id))
