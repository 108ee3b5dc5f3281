"""Customer routes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import customers as customer_params
from pspsim.stripe.api.running import run
from pspsim.stripe.catalog import customer_updates, customers, lookup

router = APIRouter()


@router.post("/v1/customers")
async def create_customer(request: Request) -> Response:
    return await run(request, customers.create_customer, allowed=customer_params.CREATE)


@router.get("/v1/customers/{customer}")
async def get_customer(request: Request, customer: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, "customer", customer))


@router.post("/v1/customers/{customer}")
async def update_customer(request: Request, customer: str) -> Response:
    return await run(
        request,
        lambda sim, p: customer_updates.update_customer(sim, customer, p),
        allowed=customer_params.UPDATE,
    )
