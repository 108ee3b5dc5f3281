"""Razorpay's routes, mounted under `/razorpay` (its paths clash with Stripe's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay import orders, payments, refunds, subscriptions
from pspsim.razorpay.api import collection, respond, run
from pspsim.razorpay.errors import RazorpayError
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter(prefix="/razorpay")


@router.post("/v1/orders")
async def create_order(request: Request) -> Response:
    return await run(request, orders.create)


@router.get("/v1/orders")
async def list_orders(request: Request) -> Response:
    return await run(request, orders.list_orders)


@router.get("/v1/orders/{order_id}")
async def get_order(request: Request, order_id: str) -> Response:
    return await run(request, lambda sim, p, r: orders.get(sim, order_id))


@router.get("/v1/orders/{order_id}/payments")
async def order_payments(request: Request, order_id: str) -> Response:
    return await run(request, lambda sim, p, r: orders.payments_of(sim, order_id))


@router.get("/v1/payments/{payment_id}")
async def get_payment(request: Request, payment_id: str) -> Response:
    return await run(request, lambda sim, p, r: payments.get(sim, payment_id))


@router.post("/v1/payments/{payment_id}/capture")
async def capture_payment(request: Request, payment_id: str) -> Response:
    return await run(request, lambda sim, p, r: payments.capture(sim, payment_id, p))


@router.post("/v1/payments/{payment_id}/refund")
async def refund_payment(request: Request, payment_id: str) -> Response:
    key = request.headers.get("x-refund-idempotency")
    return await run(request, lambda sim, p, r: refunds.create(sim, payment_id, p, key))


@router.get("/v1/payments/{payment_id}/refunds")
async def payment_refunds(request: Request, payment_id: str) -> Response:
    return await run(request, lambda sim, p, r: collection(refunds.of_payment(sim, payment_id)))


@router.post("/v1/refunds")
async def create_refund(request: Request) -> Response:
    key = request.headers.get("x-refund-idempotency")

    def handler(sim: Sim, p: dict[str, Any], r: Request) -> Obj:
        body = dict(p)
        payment_id = str(body.pop("payment_id", "") or "")
        if not payment_id:
            raise RazorpayError("The payment id field is required.", field="payment_id")
        return refunds.create(sim, payment_id, body, key)

    return await run(request, handler)


@router.get("/v1/refunds/{refund_id}")
async def get_refund(request: Request, refund_id: str) -> Response:
    return await run(request, lambda sim, p, r: refunds.get(sim, refund_id))


@router.post("/v1/plans")
async def create_plan(request: Request) -> Response:
    return await run(request, subscriptions.create_plan)


@router.get("/v1/plans/{plan_id}")
async def get_plan(request: Request, plan_id: str) -> Response:
    return await run(request, lambda sim, p, r: subscriptions.get_plan(sim, plan_id))


@router.post("/v1/subscriptions")
async def create_subscription(request: Request) -> Response:
    return await run(request, subscriptions.create)


@router.get("/v1/subscriptions")
async def list_subscriptions(request: Request) -> Response:
    return await run(request, subscriptions.list_subscriptions)


@router.get("/v1/subscriptions/{sub_id}")
async def get_subscription(request: Request, sub_id: str) -> Response:
    return await run(request, lambda sim, p, r: subscriptions.get(sim, sub_id))


@router.post("/v1/subscriptions/{sub_id}/cancel")
async def cancel_subscription(request: Request, sub_id: str) -> Response:
    return await run(request, lambda sim, p, r: subscriptions.cancel(sim, sub_id, p))


@router.api_route("/{path:path}", methods=["GET", "POST", "DELETE", "PUT", "PATCH"])
async def unknown_route(request: Request, path: str) -> Response:
    err = RazorpayError("The requested URL was not found on the server.", status=404)
    return respond(err.status, err.body())
