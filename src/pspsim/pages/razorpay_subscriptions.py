"""Razorpay's subscription authentication page: the payer authorises the mandate and
pays the first charge, or declines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.pages.handling import guard, read_action
from pspsim.pages.markup import form, page, result_page
from pspsim.razorpay import plans
from pspsim.razorpay.subscriptions.authentication import authenticate_and_charge
from pspsim.razorpay.subscriptions.lookup import get as get_subscription

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/razorpay/subscription/{sub_id}")
async def subscription_page(request: Request, sub_id: str) -> Response:
    def show(sim: Sim) -> Response:
        sub = get_subscription(sim, sub_id)
        plan = plans.get_plan(sim, sub["plan_id"])
        amount = plan["item"]["amount"] * sub["quantity"]
        return page("Razorpay Subscription", form(amount, plan["item"]["currency"]))

    return guard(show)(request)


@router.post("/razorpay/subscription/{sub_id}")
async def subscription_act(request: Request, sub_id: str) -> Response:
    action = await read_action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return result_page("Subscription abandoned", {"razorpay_subscription_id": sub_id})
        sub = get_subscription(sim, sub_id)
        payment = authenticate_and_charge(sim, sub, action == "pay")
        return result_page("Razorpay Subscription", {"subscription": sub_id, "payment": payment})

    return guard(act)(request)
