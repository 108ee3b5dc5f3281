"""Checkout Session routes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import checkout_sessions as session_params
from pspsim.stripe.api.running import run
from pspsim.stripe.checkout import creation, expiry, lookup
from pspsim.stripe.routes.lister import lister

router = APIRouter()


@router.post("/v1/checkout/sessions")
async def create_checkout_session(request: Request) -> Response:
    return await run(request, creation.create, allowed=session_params.CREATE)


@router.get("/v1/checkout/sessions/{session}")
async def get_checkout_session(request: Request, session: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, session))


@router.post("/v1/checkout/sessions/{session}/expire")
async def expire_checkout_session(request: Request, session: str) -> Response:
    return await run(request, lambda sim, p: expiry.expire(sim, session), allowed=set())


@router.get("/v1/checkout/sessions")
async def list_checkout_sessions(request: Request) -> Response:
    return await run(request, lister("checkout.session"))
