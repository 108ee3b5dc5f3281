"""The fields of a refund event."""

from __future__ import annotations

from typing import Any

from sagas.gateways.event_fields import as_int, as_str
from sagas.gateways.razorpay.events.entities import Obj, _entity, _ours


def _refund(envelope: Obj) -> tuple[str, dict[str, Any]]:
    ref = _entity(envelope, "refund")
    return str(ref["id"]), {
        **_ours(ref),
        "payment_id": as_str(ref.get("payment_id")),
        "gateway_refund_id": as_str(ref.get("id")),
        "amount_minor": as_int(ref.get("amount")),
        "currency": as_str(ref.get("currency")),
        "status": as_str(ref.get("status")),
    }
