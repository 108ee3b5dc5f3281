"""The fields of a dispute event (no metadata of ours: found by its payment)."""

from __future__ import annotations

from typing import Any

from sagas.gateways.event_fields import as_int, as_str
from sagas.gateways.stripe.events.ids import Obj, _id


def _dispute(dp: Obj) -> dict[str, Any]:
    # A dispute carries no metadata of ours: the saga finds the order by its payment.
    return {
        "payment_id": _id(dp.get("payment_intent")) or _id(dp.get("charge")),
        "gateway_dispute_id": _id(dp.get("id")),
        "amount_minor": as_int(dp.get("amount")),
        "currency": as_str(dp.get("currency")),
        "status": as_str(dp.get("status")),
    }
