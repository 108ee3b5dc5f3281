"""A Razorpay dispute entity read as a PspDispute: the only place it is read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sagas.domain.disputes import PspDispute, razorpay_dispute_status


def snapshot(raw: dict[str, Any]) -> PspDispute:
    evidence = raw.get("evidence") or {}
    due = raw.get("respond_by")
    deducted = int(raw.get("amount_deducted") or 0)
    return PspDispute(
        gateway="razorpay",
        gateway_dispute_id=str(raw["id"]),
        gateway_payment_id=raw.get("payment_id"),
        amount_minor=int(raw.get("amount") or 0),
        currency=str(raw.get("currency") or "").upper(),
        reason=raw.get("reason_code"),
        status=razorpay_dispute_status(raw.get("status"), deducted),
        raw_status=str(raw.get("status") or ""),
        evidence_due_by=datetime.fromtimestamp(int(due), UTC) if due else None,
        # action_required: the bank found the evidence lacking; it must be sent again.
        evidence_submitted=bool(isinstance(evidence, dict) and evidence.get("submitted_at"))
        and raw.get("status") != "action_required",
        withdrawn_minor=deducted,
    )
