"""The fields of a dispute event."""

from __future__ import annotations

from typing import Any

from sagas.gateways.event_fields import as_int, as_str
from sagas.gateways.razorpay.events.entities import Obj, _entity


def _dispute(envelope: Obj) -> tuple[str, dict[str, Any]]:
    disp = _entity(envelope, "dispute")
    return str(disp["id"]), {
        "payment_id": as_str(disp.get("payment_id")),
        "gateway_dispute_id": as_str(disp.get("id")),
        "amount_minor": as_int(disp.get("amount")),
        "currency": as_str(disp.get("currency")),
        "status": as_str(disp.get("status")),
    }
