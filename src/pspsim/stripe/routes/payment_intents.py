"""Routes that create, read, update and list PaymentIntents."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import payment_intent_create as pi_create
from pspsim.stripe.api.running import run
from pspsim.stripe.payment_intents import creation, lookup, updates
from pspsim.stripe.routes.lister import lister

router = APIRouter()


@router.post("/v1/payment_intents")
async def create_payment_intent(request: Request) -> Response:
    return await run(request, creation.create, allowed=pi_create.CREATE)


@router.get("/v1/payment_intents/{intent}")
async def get_payment_intent(request: Request, intent: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, intent))


@router.post("/v1/payment_intents/{intent}")
async def update_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: updates.update(sim, intent, p),
        allowed={"metadata", "description", "receipt_email", "amount", "payment_method"},
    )


@router.get("/v1/payment_intents")
async def list_payment_intents(request: Request) -> Response:
    return await run(request, lister("payment_intent"))
