"""SetupIntent routes: create, read, confirm."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import setup_intents as setup_params
from pspsim.stripe.api.running import run
from pspsim.stripe.setup_intents import confirming, creation, lookup

router = APIRouter()


@router.post("/v1/setup_intents")
async def create_setup_intent(request: Request) -> Response:
    return await run(request, creation.create, allowed=setup_params.CREATE)


@router.get("/v1/setup_intents/{intent}")
async def get_setup_intent(request: Request, intent: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, intent))


@router.post("/v1/setup_intents/{intent}/confirm")
async def confirm_setup_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: confirming.confirm(sim, intent, p),
        allowed=setup_params.CONFIRM,
    )
