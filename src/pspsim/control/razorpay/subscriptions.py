"""Control calls on a Razorpay subscription: authenticate (and charge), renew, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.control.razorpay.subscription_answers import subscription_answer
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.subscriptions import authentication, cancellation, lookup, renewal
from pspsim.store import render

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/subscriptions/{sub_id}/authenticate_and_charge")
async def authenticate_and_charge(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = lookup.get(sim, sub_id)
        payment = authentication.authenticate_and_charge(sim, sub, outcome(data) == "succeed")
        return subscription_answer(sim, sub, payment)

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/renew")
async def renew(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = lookup.get(sim, sub_id)
        payment = renewal.renew(sim, sub, outcome(data) == "succeed")
        return subscription_answer(sim, sub, payment)

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/cancel")
async def cancel(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = lookup.get(sim, sub_id)
        if sub["status"] in cancellation.NOT_CANCELLABLE:
            raise bad_request(f"Subscription is not cancellable in {sub['status']} status.")
        return render(cancellation.cancel_now(sim, sub))

    return await control(request, act)
