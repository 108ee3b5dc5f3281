"""The fields of a payment event: a PaymentIntent or a Checkout Session."""

from __future__ import annotations

from typing import Any

from sagas.gateways.event_fields import as_int, as_str
from sagas.gateways.stripe.events.ids import Obj, _id, _ours


def _payment_intent(pi: Obj) -> dict[str, Any]:
    return {
        **_ours(pi.get("metadata")),
        "payment_id": _id(pi.get("id")),
        "gateway_object_id": _id(pi.get("id")),
        "amount_minor": as_int(pi.get("amount_received")) or as_int(pi.get("amount")),
        "currency": as_str(pi.get("currency")),
        "status": as_str(pi.get("status")),
    }


def _session(cs: Obj) -> dict[str, Any]:
    return {
        **_ours(cs.get("metadata")),
        "payment_id": _id(cs.get("payment_intent")),
        "gateway_object_id": _id(cs.get("id")),
        "gateway_subscription_id": _id(cs.get("subscription")),
        "amount_minor": as_int(cs.get("amount_total")),
        "currency": as_str(cs.get("currency")),
        "status": as_str(cs.get("payment_status")) or as_str(cs.get("status")),
        "extra": {"payment_link": pl} if (pl := _id(cs.get("payment_link"))) else {},
    }
