"""The payer paying a Razorpay order through Checkout, answered as Checkout answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control, outcome
from pspsim.control.razorpay.checkout_answers import declined, paid
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.orders import lookup as order_lookup
from pspsim.razorpay.payments import authorization, captured, entities, failure

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


def pay_order(sim: Sim, order_id: str, data: dict[str, Any]) -> dict[str, Any]:
    order = order_lookup.get(sim, order_id)
    result = outcome(data)
    capture = data.get("capture", "auto")
    if capture not in ("auto", "manual"):
        raise ControlError("capture must be auto or manual")
    if order["status"] == "paid":
        raise bad_request("Your payment has been declined as the order is already paid.")
    amount = int(data.get("amount") or order["amount_due"])
    # Payment notes are checkout.js's `notes` option, never the order's (Razorpay copies none).
    notes = data.get("notes") or {}
    if not isinstance(notes, dict):
        raise ControlError("notes must be an object")
    currency = order["currency"]
    payment = entities.new_payment(sim, amount=amount, currency=currency, order=order, note=notes)
    order["attempts"] += 1
    order["status"] = "attempted"
    if result == "decline":
        failure.fail(sim, payment)
        return declined(order_id, payment)
    authorization.authorize(sim, payment)
    if capture == "auto":
        captured.mark_captured(sim, payment)
    return paid(sim, order_id, payment)


@router.post("/orders/{order_id}/pay")
async def pay(request: Request, order_id: str) -> Response:
    return await control(request, lambda sim, data: pay_order(sim, order_id, data))
