"""The fields of a subscription event (and of its charge, when it carries one)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagas.gateways.event_fields import as_str
from sagas.gateways.razorpay.events.entities import Obj, _entity, _ours
from sagas.gateways.razorpay.events.payments import _payment


def _subscription(envelope: Obj) -> tuple[str, dict[str, Any]]:
    sub = _entity(envelope, "subscription")
    fields: dict[str, Any] = {
        **_ours(sub),
        "gateway_subscription_id": as_str(sub.get("id")),
        "status": as_str(sub.get("status")),
    }
    payload = envelope.get("payload")
    if isinstance(payload, Mapping) and "payment" in payload:
        _, pay = _payment(envelope)
        fields.update(
            payment_id=pay["payment_id"], amount_minor=pay["amount_minor"], currency=pay["currency"]
        )
    return str(sub["id"]), fields
