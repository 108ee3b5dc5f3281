"""Refund routes, and the Charge a refund points at."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import refunds as refund_params
from pspsim.stripe.api.running import run
from pspsim.stripe.charges import lookup as charge_lookup
from pspsim.stripe.refunds import creation, lookup
from pspsim.stripe.routes.lister import lister

router = APIRouter()


@router.post("/v1/refunds")
async def create_refund(request: Request) -> Response:
    return await run(request, creation.create, allowed=refund_params.CREATE)


@router.get("/v1/refunds/{refund}")
async def get_refund(request: Request, refund: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, refund))


@router.get("/v1/refunds")
async def list_refunds(request: Request) -> Response:
    return await run(request, lister("refund"))


@router.get("/v1/charges/{charge}")
async def get_charge(request: Request, charge: str) -> Response:
    return await run(request, lambda sim, p: charge_lookup.get(sim, charge))
