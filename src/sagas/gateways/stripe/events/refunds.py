"""The fields of a refund event: a Refund or a refunded Charge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagas.gateways.event_fields import as_int, as_str
from sagas.gateways.stripe.events.ids import Obj, _id, _ours


def _refund(re: Obj) -> dict[str, Any]:
    return {
        **_ours(re.get("metadata")),
        "payment_id": _id(re.get("payment_intent")),
        "gateway_refund_id": _id(re.get("id")),
        "amount_minor": as_int(re.get("amount")),
        "currency": as_str(re.get("currency")),
        "status": as_str(re.get("status")),
    }


def _charge(ch: Obj) -> dict[str, Any]:
    refunds = ch.get("refunds")
    data = refunds.get("data") if isinstance(refunds, Mapping) else None
    latest = data[0] if isinstance(data, list) and data and isinstance(data[0], Mapping) else {}
    return {
        **_ours(ch.get("metadata")),
        **{k: v for k, v in _ours(latest.get("metadata")).items() if v},
        "payment_id": _id(ch.get("payment_intent")),
        "gateway_refund_id": _id(latest.get("id")),
        "amount_minor": as_int(ch.get("amount_refunded")),
        "currency": as_str(ch.get("currency")),
        "status": "refunded" if ch.get("refunded") is True else as_str(ch.get("status")),
    }
