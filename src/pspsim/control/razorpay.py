"""Control calls that act as a Razorpay payer (Checkout) or as Razorpay's own clock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control, outcome
from pspsim.razorpay import orders, payments, refunds, subscriptions
from pspsim.razorpay.errors import bad_request
from pspsim.store import render
from pspsim.webhooks.signing import razorpay_payment_signature, razorpay_subscription_signature

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter(prefix="/_sim/razorpay")


def pay_order(sim: Sim, order_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """What Razorpay Checkout hands the browser after the payer pays (or fails)."""
    order = orders.get(sim, order_id)
    result = outcome(data)
    capture = data.get("capture", "auto")
    if capture not in ("auto", "manual"):
        raise ControlError("capture must be auto or manual")
    if order["status"] == "paid":
        raise bad_request("Your payment has been declined as the order is already paid.")
    amount = int(data.get("amount") or order["amount_due"])
    # A payment's notes are what checkout.js was given (the ``notes`` option), not the
    # order's: Razorpay does not copy them, so a merchant cannot bind on payment notes.
    notes = data.get("notes") or {}
    if not isinstance(notes, dict):
        raise ControlError("notes must be an object")
    payment = payments.new_payment(
        sim, amount=amount, currency=order["currency"], order=order, note=notes
    )
    order["attempts"] += 1
    order["status"] = "attempted"
    if result == "decline":
        payments.fail(sim, payment)
        return {
            "error": {
                "code": payment["error_code"],
                "description": payment["error_description"],
                "source": payment["error_source"],
                "step": payment["error_step"],
                "reason": payment["error_reason"],
                "metadata": {"order_id": order_id, "payment_id": payment["id"]},
            },
            "razorpay_order_id": order_id,
            "razorpay_payment_id": payment["id"],
            "payment": render(payment),
        }
    payments.authorize(sim, payment)
    if capture == "auto":
        payments.mark_captured(sim, payment)
    secret = sim.config.razorpay_key_secret
    return {
        "razorpay_order_id": order_id,
        "razorpay_payment_id": payment["id"],
        "razorpay_signature": razorpay_payment_signature(order_id, payment["id"], secret),
        "payment": render(payment),
    }


@router.post("/orders/{order_id}/pay")
async def pay(request: Request, order_id: str) -> Response:
    return await control(request, lambda sim, data: pay_order(sim, order_id, data))


@router.post("/refunds/{refund_id}/settle")
async def settle_refund(request: Request, refund_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        refund = refunds.get(sim, refund_id)
        return render(refunds.settle(sim, refund, outcome(data)))

    return await control(request, act)


@router.post("/payments/{payment_id}/auto_refund")
async def auto_refund(request: Request, payment_id: str) -> Response:
    """Fire the uncaptured-payment auto-refund now instead of waiting for its timer."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        payment = payments.get(sim, payment_id)
        if payment["status"] != "authorized":
            raise ControlError(f"payment is {payment['status']}, not authorized")
        return render(refunds.auto_refund(sim, payment))

    return await control(request, act)


def _subscription_answer(sim: Sim, sub: dict[str, Any], payment: dict[str, Any]) -> dict[str, Any]:
    answer = {
        "subscription": render(sub),
        "payment": render(payment),
        "razorpay_subscription_id": sub["id"],
        "razorpay_payment_id": payment["id"],
    }
    if payment["status"] == "captured":
        answer["razorpay_signature"] = razorpay_subscription_signature(
            payment["id"], sub["id"], sim.config.razorpay_key_secret
        )
    return answer


@router.post("/subscriptions/{sub_id}/authenticate_and_charge")
async def authenticate_and_charge(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = subscriptions.get(sim, sub_id)
        ok = outcome(data) == "succeed"
        payment = subscriptions.authenticate_and_charge(sim, sub, ok)
        return _subscription_answer(sim, sub, payment)

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/renew")
async def renew(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = subscriptions.get(sim, sub_id)
        payment = subscriptions.renew(sim, sub, outcome(data) == "succeed")
        return _subscription_answer(sim, sub, payment)

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/cancel")
async def cancel(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = subscriptions.get(sim, sub_id)
        if sub["status"] in subscriptions.NOT_CANCELLABLE:
            raise bad_request(f"Subscription is not cancellable in {sub['status']} status.")
        return render(subscriptions.cancel_now(sim, sub))

    return await control(request, act)


@router.get("/objects/{object_id}")
async def read_object(request: Request, object_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        obj = sim.store.razorpay.get(object_id)
        if obj is None:
            raise ControlError(f"no object {object_id}", 404)
        return render(obj)

    return await control(request, act)
