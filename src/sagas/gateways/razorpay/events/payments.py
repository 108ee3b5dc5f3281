"""The fields of a payment event: a payment, or a paid order."""

from __future__ import annotations

from typing import Any

from sagas.gateways.event_fields import as_int, as_str
from sagas.gateways.razorpay.events.entities import Obj, _entity, _ours


def _payment(envelope: Obj) -> tuple[str, dict[str, Any]]:
    pay = _entity(envelope, "payment")
    return str(pay["id"]), {
        **_ours(pay),
        "payment_id": as_str(pay.get("id")),
        "gateway_object_id": as_str(pay.get("order_id")),
        "amount_minor": as_int(pay.get("amount")),
        "currency": as_str(pay.get("currency")),
        "status": as_str(pay.get("status")),
    }


def _order_paid(envelope: Obj) -> tuple[str, dict[str, Any]]:
    object_id, fields = _payment(envelope)
    order = _entity(envelope, "order")
    fields = {**fields, **{k: v for k, v in _ours(order).items() if v}}
    fields["gateway_object_id"] = as_str(order.get("id"))
    return object_id, fields
