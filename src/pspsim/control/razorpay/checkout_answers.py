"""What Razorpay Checkout hands the browser after the payer pays (the ids and their
signature) or fails (Razorpay's error object)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj, render
from pspsim.webhooks.signing import razorpay_payment_signature

if TYPE_CHECKING:
    from pspsim.state import Sim


def declined(order_id: str, payment: Obj) -> dict[str, Any]:
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


def paid(sim: Sim, order_id: str, payment: Obj) -> dict[str, Any]:
    secret = sim.config.razorpay_key_secret
    return {
        "razorpay_order_id": order_id,
        "razorpay_payment_id": payment["id"],
        "razorpay_signature": razorpay_payment_signature(order_id, payment["id"], secret),
        "payment": render(payment),
    }
