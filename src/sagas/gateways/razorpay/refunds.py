"""Razorpay refunds: ``POST /payments/{id}/refund`` with ``X-Refund-Idempotency`` = our
refund id (the same key and body answer the same refund), ``GET /refunds/{id}``, and
``GET /payments/{id}/refunds`` to find ours by its notes.

The SDK is synchronous; :func:`razorpay_call` runs it off the event loop with a timeout.
"""

from __future__ import annotations

from typing import Any

from sagas.domain.refunds import PspRefund, RefundRequest, razorpay_refund_status
from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.client import razorpay_call

PAGE = 100  # Razorpay's largest `count`
MAX_PAGES = 50


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


class RazorpayRefunds(RazorpayAdapter):
    async def create_refund(self, req: RefundRequest) -> PspRefund:
        """In the payment's own currency (Razorpay takes ISO minor units as they are)."""
        notes = {"refund_id": req.refund_id, "order_id": req.order_id}
        raw = await razorpay_call(
            self.client.payment.refund,
            req.payment_id,
            {"amount": req.amount_minor, "notes": notes},
            headers={"X-Refund-Idempotency": req.refund_id},
        )
        return snapshot(dict(raw))

    async def read_refund(self, gateway_refund_id: str) -> PspRefund:
        raw = await razorpay_call(self.client.refund.fetch, gateway_refund_id)
        return snapshot(dict(raw))

    async def find_refund(self, payment_id: str, refund_id: str) -> PspRefund | None:
        for page in range(MAX_PAGES):
            got = await razorpay_call(
                self.client.payment.fetch_multiple_refund,
                payment_id,
                {"count": PAGE, "skip": page * PAGE},
            )
            items = list(dict(got).get("items") or [])
            for raw in items:
                found = snapshot(dict(raw))
                if found.refund_id == refund_id:
                    return found
            if len(items) < PAGE:
                return None
        return None
