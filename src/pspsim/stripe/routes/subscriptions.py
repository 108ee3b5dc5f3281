"""Subscription routes: create, read, update, cancel, list."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import subscription_update
from pspsim.stripe.allowed_params import subscriptions as subscription_params
from pspsim.stripe.api.running import run
from pspsim.stripe.routes.lister import lister
from pspsim.stripe.subscriptions import cancellation, creation, lookup, updates

router = APIRouter()


@router.post("/v1/subscriptions")
async def create_subscription(request: Request) -> Response:
    return await run(request, creation.create, allowed=subscription_params.CREATE)


@router.get("/v1/subscriptions/{sub}")
async def get_subscription(request: Request, sub: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, sub))


@router.post("/v1/subscriptions/{sub}")
async def update_subscription(request: Request, sub: str) -> Response:
    return await run(
        request,
        lambda sim, p: updates.update(sim, lookup.get(sim, sub), p),
        allowed=subscription_update.UPDATE,
    )


@router.delete("/v1/subscriptions/{sub}")
async def cancel_subscription(request: Request, sub: str) -> Response:
    return await run(request, lambda sim, p: cancellation.cancel(sim, sub, p))


@router.get("/v1/subscriptions")
async def list_subscriptions(request: Request) -> Response:
    return await run(request, lister("subscription"))
