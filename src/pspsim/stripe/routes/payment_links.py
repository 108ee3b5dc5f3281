"""Payment Link routes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import payment_link_create as link_create
from pspsim.stripe.allowed_params import payment_link_update as link_update
from pspsim.stripe.api.running import run
from pspsim.stripe.payment_links import creation, lookup, updates

router = APIRouter()


@router.post("/v1/payment_links")
async def create_payment_link(request: Request) -> Response:
    return await run(request, creation.create, allowed=link_create.CREATE)


@router.get("/v1/payment_links/{link}")
async def get_payment_link(request: Request, link: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, link))


@router.post("/v1/payment_links/{link}")
async def update_payment_link(request: Request, link: str) -> Response:
    return await run(
        request,
        lambda sim, p: updates.update(sim, link, p),
        allowed=link_update.UPDATE,
    )
