"""Creating a checkout's Razorpay Order, deduped on ``receipt``.

Razorpay has no idempotency header for orders; ``receipt`` is unique per account, so the
receipt is the checkout id and a retried create first looks the receipt up (a lost answer
must not turn into a second order). Orders cannot be cancelled: a payment that lands after
the checkout closed is refunded instead. The SDK is synchronous; every call goes through
:func:`razorpay_call` (a thread with a timeout, errors classified).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import razorpay

from sagas.gateways.razorpay import units
from sagas.gateways.razorpay.client import razorpay_call


async def create_order(
    client: razorpay.Client,
    *,
    checkout_id: str,
    order_id: str,
    amount: int,
    currency: str,
    metadata: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The checkout's order, found by its ``receipt`` first (a lost answer may have made
    it); ``metadata`` goes to its notes beside our own keys, which always win."""
    found = await razorpay_call(client.order.all, {"receipt": checkout_id})
    for existing in found.get("items", []):
        if existing.get("receipt") == checkout_id:
            return dict(existing)
    data = {
        "amount": units.to_razorpay(amount, currency),
        "currency": currency.upper(),
        "receipt": checkout_id,
        "notes": {**(metadata or {}), "checkout_id": checkout_id, "order_id": order_id},
    }
    return dict(await razorpay_call(client.order.create, data))
