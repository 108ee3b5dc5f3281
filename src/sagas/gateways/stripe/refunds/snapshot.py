"""A Stripe Refund read as a PspRefund."""

from __future__ import annotations

from typing import Any

from sagas.domain.refunds import PspRefund, stripe_refund_status
from sagas.gateways.stripe import units


def snapshot(raw: dict[str, Any]) -> PspRefund:
    meta = raw.get("metadata") or {}
    pi = raw.get("payment_intent")
    currency = str(raw.get("currency") or "").upper()
    return PspRefund(
        gateway="stripe",
        gateway_refund_id=str(raw["id"]),
        status=stripe_refund_status(raw.get("status")),
        raw_status=raw.get("status"),
        amount_minor=units.from_stripe(int(raw.get("amount") or 0), currency)
        if currency
        else int(raw.get("amount") or 0),
        currency=currency,
        payment_id=pi if isinstance(pi, str) else (pi or {}).get("id"),
        refund_id=meta.get("refund_id"),
        failure_reason=raw.get("failure_reason"),
    )
