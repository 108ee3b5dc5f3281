"""Control calls on a subscription: pay its first invoice, renew it now, cancel it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control, outcome
from pspsim.store import render
from pspsim.stripe.invoices.lookup import get as get_invoice
from pspsim.stripe.invoices.paying import pay as pay_invoice
from pspsim.stripe.subscriptions import cancellation, cycle
from pspsim.stripe.subscriptions import lookup as subscription_lookup

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.post("/subscriptions/{sub_id}/pay_first_invoice")
async def pay_first_invoice(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = subscription_lookup.get(sim, sub_id)
        if sub["status"] != "incomplete":
            raise ControlError(f"subscription is {sub['status']}, not incomplete")
        invoice = pay_invoice(sim, get_invoice(sim, sub["latest_invoice"]), outcome(data))
        return {"subscription": render(sub), "invoice": render(invoice)}

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/renew")
async def renew_subscription(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = subscription_lookup.get(sim, sub_id)
        invoice = cycle.renew(sim, sub, outcome(data))
        # None: the subscription was set to cancel at this period's end, and now has.
        return {"subscription": render(sub), "invoice": render(invoice) if invoice else None}

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/cancel")
async def cancel_subscription(request: Request, sub_id: str) -> Response:
    return await control(request, lambda sim, data: render(cancellation.cancel(sim, sub_id)))
