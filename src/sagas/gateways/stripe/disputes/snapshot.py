"""A Stripe dispute read as a PspDispute: the only place Stripe's dispute shape is read."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

from sagas.domain.disputes import PspDispute, stripe_dispute_status
from sagas.domain.money import CurrencyError
from sagas.gateways.stripe import units


def _id(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


def _iso(amount: int, currency: str) -> int:
    """Stripe's unit back to ISO minor units (its ISK/UGX are x100); an unknown currency
    leaves the amount as sent."""
    with contextlib.suppress(CurrencyError):
        return units.from_stripe(amount, currency)
    return amount


def snapshot(raw: dict[str, Any]) -> PspDispute:
    details = raw.get("evidence_details") or {}
    due = details.get("due_by")
    currency = str(raw.get("currency") or "").upper()
    moves = [
        _iso(int(t.get("amount") or 0), currency) for t in raw.get("balance_transactions") or []
    ]
    return PspDispute(
        gateway="stripe",
        gateway_dispute_id=str(raw["id"]),
        gateway_payment_id=_id(raw.get("payment_intent")) or _id(raw.get("charge")),
        amount_minor=_iso(int(raw.get("amount") or 0), currency),
        currency=currency,
        reason=raw.get("reason"),
        status=stripe_dispute_status(raw.get("status")),
        raw_status=str(raw.get("status") or ""),
        evidence_due_by=datetime.fromtimestamp(int(due), UTC) if due else None,
        evidence_submitted=int(details.get("submission_count") or 0) > 0,
        withdrawn_minor=-sum(m for m in moves if m < 0),
        reinstated_minor=sum(m for m in moves if m > 0),
    )
