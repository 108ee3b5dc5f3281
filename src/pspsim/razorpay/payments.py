"""Razorpay payments: `created` -> `authorized` -> `captured`, or `failed`; `refunded`
when fully refunded. An authorized payment not captured within
`SimConfig.razorpay_auto_refund_after_s` is refunded automatically, as Razorpay does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.razorpay import events
from pspsim.razorpay.api import req_int
from pspsim.razorpay.errors import bad_request, not_found
from pspsim.razorpay.orders import get as get_order
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

FEE_BPS = 200  # Razorpay's 2 % standard fee; tax is 18 % of the fee


def get(sim: Sim, payment_id: str) -> Obj:
    payment = sim.store.razorpay.get(payment_id)
    if payment is None or payment.get("entity") != "payment":
        raise not_found()
    return payment


def new_payment(sim: Sim, *, amount: int, currency: str, order: Obj | None, note: Any) -> Obj:
    payment: Obj = {
        "id": sim.ids.razorpay("pay"),
        "entity": "payment",
        "amount": amount,
        "currency": currency,
        "status": "created",
        "order_id": order["id"] if order else None,
        "invoice_id": None,
        "international": False,
        "method": "card",
        "amount_refunded": 0,
        "refund_status": None,
        "captured": False,
        "description": None,
        "card_id": sim.ids.razorpay("card"),
        "bank": None,
        "wallet": None,
        "vpa": None,
        "email": "payer@example.com",
        "contact": "+919999999999",
        "customer_id": None,
        "notes": note if note else [],
        "fee": None,
        "tax": None,
        "error_code": None,
        "error_description": None,
        "error_source": None,
        "error_step": None,
        "error_reason": None,
        "acquirer_data": {"auth_code": None},
        "created_at": now(),
    }
    sim.store.razorpay[payment["id"]] = payment
    return payment


def fail(sim: Sim, payment: Obj) -> Obj:
    payment.update(
        status="failed",
        error_code="BAD_REQUEST_ERROR",
        error_description="Payment processing failed because of incorrect OTP",
        error_source="customer",
        error_step="payment_authentication",
        error_reason="payment_failed",
    )
    events.emit(sim, "payment.failed", {"payment": payment})
    return payment


def authorize(sim: Sim, payment: Obj) -> Obj:
    payment["status"] = "authorized"
    payment["acquirer_data"] = {"auth_code": sim.ids.token(6).upper()}
    events.emit(sim, "payment.authorized", {"payment": payment})
    payment_id = payment["id"]

    async def auto_refund() -> None:
        current = sim.store.razorpay.get(payment_id)
        if current is not None and current["status"] == "authorized":
            from pspsim.razorpay import refunds  # refunds import payments

            refunds.auto_refund(sim, current)

    sim.timers.after(sim.config.razorpay_auto_refund_after_s, auto_refund)
    return payment


def mark_captured(sim: Sim, payment: Obj) -> Obj:
    fee = payment["amount"] * FEE_BPS // 10_000
    payment.update(status="captured", captured=True, fee=fee, tax=fee * 18 // 100)
    events.emit(sim, "payment.captured", {"payment": payment})
    if payment["order_id"]:
        order = get_order(sim, payment["order_id"])
        order["amount_paid"] += payment["amount"]
        order["amount_due"] = max(0, order["amount"] - order["amount_paid"])
        if order["amount_paid"] >= order["amount"]:
            order["status"] = "paid"
            events.emit(sim, "order.paid", {"payment": payment, "order": order})
    return payment


def capture(sim: Sim, payment_id: str, params: dict[str, Any]) -> Obj:
    payment = get(sim, payment_id)
    amount = req_int(params, "amount")
    currency = params.get("currency")
    if not currency:
        raise bad_request("The currency field is required.", "currency")
    if payment["status"] == "captured":
        raise bad_request("This payment has already been captured")
    if payment["status"] != "authorized":
        raise bad_request(
            "Only payments which have been authorized and not yet captured can be captured"
        )
    if amount != payment["amount"]:
        raise bad_request("Capture amount must be equal to the amount authorized", "amount")
    if str(currency).upper() != payment["currency"]:
        raise bad_request("The currency should be same as the payment currency", "currency")
    if payment["order_id"] and get_order(sim, payment["order_id"])["status"] == "paid":
        raise bad_request(
            "Your payment has been declined as the order is already paid. The amount will be "
            "refunded to you."
        )
    return mark_captured(sim, payment)
