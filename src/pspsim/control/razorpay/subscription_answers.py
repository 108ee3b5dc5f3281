"""What Razorpay's subscription checkout hands the browser: the ids, and the signature
of a payment that went through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import render
from pspsim.webhooks.signing import razorpay_subscription_signature

if TYPE_CHECKING:
    from pspsim.state import Sim


def subscription_answer(sim: Sim, sub: dict[str, Any], payment: dict[str, Any]) -> dict[str, Any]:
    answer = {
        "subscription": render(sub),
        "payment": render(payment),
        "razorpay_subscription_id": sub["id"],
        "razorpay_payment_id": payment["id"],
    }
    if payment["status"] in ("captured", "authorized"):
        answer["razorpay_signature"] = razorpay_subscription_signature(
            payment["id"], sub["id"], sim.config.razorpay_key_secret
        )
    return answer
