"""Razorpay's payment reads: a payment, and whether its refunds cover an amount."""

from __future__ import annotations

from typing import Any

from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.client import razorpay_call
from sagas.gateways.razorpay.orders import reads


class RazorpayPayments(RazorpayAdapter):
    async def read_payment(self, payment_id: str) -> PaymentSnapshot:
        return await reads.read_payment(self.client, payment_id)

    async def refunds_cover(self, payment_id: str, amount_minor: int) -> bool:
        raw: dict[str, Any] = dict(await razorpay_call(self.client.payment.fetch, payment_id))
        return int(raw.get("amount_refunded") or 0) >= amount_minor
