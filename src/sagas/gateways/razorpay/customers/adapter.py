"""Razorpay's customer adapter (the CustomerGateway protocol)."""

from __future__ import annotations

from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.customers.create import create_customer


class RazorpayCustomers(RazorpayAdapter):
    async def ensure_customer(self, customer_id: str, *, key: str) -> str:
        return await create_customer(self.client, customer_id=customer_id, key=key)
