"""``POST /webhooks/stripe`` and ``POST /webhooks/razorpay``: the PSPs' way in.

Authenticated by the PSP's signature, not a bearer key. The route only adapts HTTP to
:class:`~sagas.webhooks.pipeline.WebhookPipeline`: it declares no body parameter, so
FastAPI never reads or parses the body before the pipeline's size cap does.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import AppDeps
from sagas.deps import Deps
from sagas.domain.psp_events import Gateway
from sagas.observability.metrics import WEBHOOK_DELIVERIES
from sagas.webhooks.answers import Answer
from sagas.webhooks.pipeline import WebhookPipeline

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "recorded and handed to its flow, or a recorded no-op / duplicate"},
    400: {"description": "invalid signature or not a usable event: recorded, nothing else"},
    413: {"description": "body over 256 KiB"},
    503: {"description": "could not be recorded or handed over: the PSP should retry"},
}
_RAW_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


def pipeline(request: Request, deps: Deps) -> WebhookPipeline:
    return WebhookPipeline(
        sessions=deps.sessions, settings=deps.settings, temporal=request.app.state.temporal.get
    )


@router.post(
    "/stripe",
    responses=_RESPONSES,
    openapi_extra=_RAW_BODY,
    summary="Stripe webhook (Stripe-Signature)",
)
async def stripe_webhook(request: Request, deps: AppDeps) -> JSONResponse:
    answer = await pipeline(request, deps).receive(Gateway.STRIPE, request)
    count_delivery(Gateway.STRIPE, answer)
    return JSONResponse(answer.body, status_code=answer.status, headers=_retry_after(answer.status))


@router.post(
    "/razorpay",
    responses=_RESPONSES,
    openapi_extra=_RAW_BODY,
    summary="Razorpay webhook (X-Razorpay-Signature)",
)
async def razorpay_webhook(request: Request, deps: AppDeps) -> JSONResponse:
    answer = await pipeline(request, deps).receive(Gateway.RAZORPAY, request)
    count_delivery(Gateway.RAZORPAY, answer)
    return JSONResponse(answer.body, status_code=answer.status, headers=_retry_after(answer.status))


def count_delivery(gateway: Gateway, answer: Answer) -> None:
    """``sagas_webhook_deliveries_total{gateway,result}`` from the pipeline's answer."""
    body = answer.body
    result = body.get("result") or body.get("error", {}).get("details", {}).get("result")
    WEBHOOK_DELIVERIES.labels(gateway.value, str(result or "unknown")).inc()


def _retry_after(status: int) -> dict[str, str] | None:
    return {"Retry-After": "5"} if status == 503 else None
