"""Stripe Customers: one per customer of ours, made under ``customer-<customer id>``."""

from __future__ import annotations

import stripe

from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.client import stripe_call


async def create_customer(client: stripe.StripeClient, *, customer_id: str, key: str) -> str:
    """Create (or, under the same key, answer again) the customer's Stripe Customer."""
    customer = await stripe_call(
        client.v1.customers.create_async,
        params={"metadata": {"customer_id": customer_id}},
        options={"idempotency_key": key},
    )
    return str(customer["id"])


class StripeCustomers(StripeAdapter):
    async def ensure_customer(self, customer_id: str, *, key: str) -> str:
        return await create_customer(self.client, customer_id=customer_id, key=key)
