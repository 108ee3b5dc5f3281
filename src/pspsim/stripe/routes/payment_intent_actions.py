"""Routes that move a PaymentIntent on: confirm, capture, cancel."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import payment_intent_actions as pi_actions
from pspsim.stripe.api.running import run
from pspsim.stripe.payment_intents import cancellation, capture, confirming

router = APIRouter()


@router.post("/v1/payment_intents/{intent}/confirm")
async def confirm_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: confirming.confirm(sim, intent, p),
        allowed=pi_actions.CONFIRM,
    )


@router.post("/v1/payment_intents/{intent}/capture")
async def capture_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: capture.capture(sim, intent, p),
        allowed=pi_actions.CAPTURE,
    )


@router.post("/v1/payment_intents/{intent}/cancel")
async def cancel_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: cancellation.cancel(sim, intent, p),
        allowed=pi_actions.CANCEL,
    )
