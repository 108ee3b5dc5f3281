"""Razorpay order routes: create, list, read, and an order's payments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay.api.running import run
from pspsim.razorpay.orders import creation, listing, lookup

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.post("/v1/orders")
async def create_order(request: Request) -> Response:
    return await run(request, creation.create)


@router.get("/v1/orders")
async def list_orders(request: Request) -> Response:
    return await run(request, listing.list_orders)


@router.get("/v1/orders/{order_id}")
async def get_order(request: Request, order_id: str) -> Response:
    return await run(request, lambda sim, p, r: lookup.get(sim, order_id))


@router.get("/v1/orders/{order_id}/payments")
async def order_payments(request: Request, order_id: str) -> Response:
    return await run(request, lambda sim, p, r: listing.payments_of(sim, order_id))
