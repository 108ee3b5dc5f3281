"""The fields of a billing event: an Invoice or a Subscription."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagas.gateways.event_fields import as_int, as_str
from sagas.gateways.stripe.events.ids import Obj, _id, _ours


def _invoice(inv: Obj) -> dict[str, Any]:
    # 2026 shape: the subscription sits under parent.subscription_details (NOTES §3).
    parent = inv.get("parent")
    found = parent.get("subscription_details") if isinstance(parent, Mapping) else None
    details: Obj = found if isinstance(found, Mapping) else {}
    return {
        **_ours(details.get("metadata")),
        "gateway_invoice_id": _id(inv.get("id")),
        "gateway_subscription_id": _id(details.get("subscription")),
        "amount_minor": as_int(inv.get("amount_paid")) or as_int(inv.get("amount_due")),
        "currency": as_str(inv.get("currency")),
        "status": as_str(inv.get("status")),
    }


def _subscription(sub: Obj) -> dict[str, Any]:
    return {
        **_ours(sub.get("metadata")),
        "gateway_subscription_id": _id(sub.get("id")),
        "status": as_str(sub.get("status")),
        "currency": as_str(sub.get("currency")),
    }
