"""Razorpay Checkout for an order: pay (captured at once), decline or abandon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.razorpay.orders import pay_order
from pspsim.pages.handling import ACTION_OUTCOME, guard, read_action
from pspsim.pages.markup import form, page, result_page
from pspsim.razorpay.orders import lookup as order_lookup

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/razorpay/order/{order_id}")
async def order_page(request: Request, order_id: str) -> Response:
    def show(sim: Sim) -> Response:
        order = order_lookup.get(sim, order_id)
        if order["status"] == "paid":
            return page("Razorpay Checkout", "<p>This order is already paid.</p>")
        return page("Razorpay Checkout", form(order["amount_due"], order["currency"]))

    return guard(show)(request)


@router.post("/razorpay/order/{order_id}")
async def order_act(request: Request, order_id: str) -> Response:
    action = await read_action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return result_page("Payment abandoned", {"razorpay_order_id": order_id})
        data = {"outcome": ACTION_OUTCOME[action], "capture": "auto"}
        return result_page("Razorpay Checkout", pay_order(sim, order_id, data))

    return guard(act)(request)
