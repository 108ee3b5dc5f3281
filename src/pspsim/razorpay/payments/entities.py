"""A new Razorpay payment entity, `created`; Checkout, subscriptions and their
authentications make theirs here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


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
        "created_at": sim.clock.now(),
    }
    sim.store.razorpay[payment["id"]] = payment
    return payment
