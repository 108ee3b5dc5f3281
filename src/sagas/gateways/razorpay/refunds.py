"""Razorpay refunds: ``POST /payments/{id}/refund`` with ``X-Refund-Idempotency`` = our
refund id (the same key and body answer the same refund), and ``GET /refunds/{id}``.

The SDK is synchronous; :func:`razorpay_call` runs it off the event loop with a timeout.
"""

from __future__ import annotations

from typing import Any

import razorpay

from sagas.domain.refunds import PspRefund, razorpay_refund_status
from sagas.gateways.clients import razorpay_call


def snapshot(raw: dict[str, Any]) -> PspRefund:
    notes = raw.get("notes") or {}
    if not isinstance(notes, dict):  # Razorpay answers [] for empty notes
        notes = {}
    return PspRefund(
        gateway="razorpay",
        gateway_refund_id=str(raw["id"]),
        status=razorpay_refund_status(raw.get("status")),
        raw_status=raw.get("status"),
        amount_minor=int(raw.get("amount") or 0),
        currency=str(raw.get("currency") or "").upper(),
        payment_id=raw.get("payment_id"),
        refund_id=notes.get("refund_id"),
    )


async def create_refund(
    client: razorpay.Client,
    *,
    payment_id: str,
    amount_minor: int,
    refund_id: str,
    order_id: str,
) -> PspRefund:
    raw = await razorpay_call(
        client.payment.refund,
        payment_id,
        {"amount": amount_minor, "notes": {"refund_id": refund_id, "order_id": order_id}},
        headers={"X-Refund-Idempotency": refund_id},
    )
    return snapshot(dict(raw))


async def read_refund(client: razorpay.Client, gateway_refund_id: str) -> PspRefund:
    return snapshot(dict(await razorpay_call(client.refund.fetch, gateway_refund_id)))
