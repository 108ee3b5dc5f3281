"""Razorpay refund routes: create (naming the payment in the body) and read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay.api.running import run
from pspsim.razorpay.errors import RazorpayError
from pspsim.razorpay.refunds import creation, lookup
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/v1/refunds")
async def create_refund(request: Request) -> Response:
    key = request.headers.get("x-refund-idempotency")

    def handler(sim: Sim, p: dict[str, Any], r: Request) -> Obj:
        body = dict(p)
        payment_id = str(body.pop("payment_id", "") or "")
        if not payment_id:
            raise RazorpayError("The payment id field is required.", field="payment_id")
        return creation.create(sim, payment_id, body, key)

    return await run(request, handler)


@router.get("/v1/refunds/{refund_id}")
async def get_refund(request: Request, refund_id: str) -> Response:
    return await run(request, lambda sim, p, r: lookup.get(sim, refund_id))
