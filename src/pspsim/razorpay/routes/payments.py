"""Razorpay payment routes: read, capture, refund, and a payment's refunds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay.api.paging import paged
from pspsim.razorpay.api.running import run
from pspsim.razorpay.payments import capture
from pspsim.razorpay.payments import lookup as payment_lookup
from pspsim.razorpay.refunds import creation
from pspsim.razorpay.refunds.lookup import of_payment

router = APIRouter()


@router.get("/v1/payments/{payment_id}")
async def get_payment(request: Request, payment_id: str) -> Response:
    return await run(request, lambda sim, p, r: payment_lookup.get_payment(sim, payment_id))


@router.post("/v1/payments/{payment_id}/capture")
async def capture_payment(request: Request, payment_id: str) -> Response:
    return await run(request, lambda sim, p, r: capture.capture(sim, payment_id, p))


@router.post("/v1/payments/{payment_id}/refund")
async def refund_payment(request: Request, payment_id: str) -> Response:
    key = request.headers.get("x-refund-idempotency")
    return await run(request, lambda sim, p, r: creation.create(sim, payment_id, p, key))


@router.get("/v1/payments/{payment_id}/refunds")
async def payment_refunds(request: Request, payment_id: str) -> Response:
    """A payment's refunds, `count` (1..100, default 10) after `skip`."""
    return await run(request, lambda sim, p, r: paged(of_payment(sim, payment_id), p))
