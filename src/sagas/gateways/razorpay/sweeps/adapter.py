"""Razorpay's sweep adapter. Razorpay keeps no list of failed deliveries to ask for (its
retries and our own reads cover them) and its orders cannot be closed."""

from __future__ import annotations

from sagas.domain.gateway_objects import SweptWindow
from sagas.gateways.razorpay.adapter import RazorpayAdapter
from sagas.gateways.razorpay.sweeps.window import objects_in_window


class RazorpaySweeps(RazorpayAdapter):
    async def objects_in_window(self, *, created_gte: int, created_lte: int) -> SweptWindow:
        return await objects_in_window(self.client, gte=created_gte, lte=created_lte)

    async def event_payload(self, event_id: str) -> bytes | None:
        return None  # Razorpay has no event API to read one back

    async def close_orphan(self, object_type: str, object_id: str, checkout_id: str | None) -> None:
        return None  # orders cannot be cancelled
