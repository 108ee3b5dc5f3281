"""Razorpay Customers: one per customer of ours, made so a retry finds the same one.

Razorpay takes no idempotency key on ``POST /v1/customers``; its guard is the customer's
email and contact, unique per merchant, with ``fail_existing: "0"`` answering the
customer that already has them instead of refusing. So the customer is created with an
email derived from our idempotency key (``customer-<customer id>``): an attempt whose
answer was lost, retried, gets the customer it made back, never a second one. (We hold no
payer email here: a checkout's varies per order and a subscription has none. The address
is under the reserved ``.invalid`` domain, so nothing is ever delivered to it; the
payer's own email and phone are collected by Razorpay's checkout.)
"""

from __future__ import annotations

import razorpay

from sagas.gateways.razorpay.client import razorpay_call
from sagas.gateways.razorpay.customers.identity import display_name, key_email


async def create_customer(client: razorpay.Client, *, customer_id: str, key: str) -> str:
    """Create the customer, or (same key, so same email) answer the one made before."""
    customer = await razorpay_call(
        client.customer.create,
        {
            "name": display_name(customer_id),
            "email": key_email(key),
            "fail_existing": "0",
            "notes": {"customer_id": customer_id[:256], "key": key[:256]},
        },
    )
    return str(customer["id"])
