"""The customer protocol: the PSP's customer for a customer of ours."""

from __future__ import annotations

from typing import Protocol


class CustomerGateway(Protocol):
    """The PSP's customer for a customer of ours, where their saved cards live. Made at
    most once per customer (Stripe: idempotency key ``key``; Razorpay: an email made
    from it, matched by ``fail_existing``); the caller keeps the id
    (the ``customers`` table) and reuses it for every checkout and subscription."""

    async def ensure_customer(self, customer_id: str, *, key: str) -> str:
        """Create (or, for the same key, answer again) the PSP customer; its id."""
        ...
