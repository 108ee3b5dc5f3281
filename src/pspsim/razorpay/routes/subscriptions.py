"""Razorpay subscription routes: create, list, read, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay.api.running import run
from pspsim.razorpay.subscriptions import cancellation, creation, listing, lookup

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.post("/v1/subscriptions")
async def create_subscription(request: Request) -> Response:
    return await run(request, creation.create)


@router.get("/v1/subscriptions")
async def list_subscriptions(request: Request) -> Response:
    return await run(request, listing.list_subscriptions)


@router.get("/v1/subscriptions/{sub_id}")
async def get_subscription(request: Request, sub_id: str) -> Response:
    return await run(request, lambda sim, p, r: lookup.get(sim, sub_id))


@router.post("/v1/subscriptions/{sub_id}/cancel")
async def cancel_subscription(request: Request, sub_id: str) -> Response:
    return await run(request, lambda sim, p, r: cancellation.cancel(sim, sub_id, p))
