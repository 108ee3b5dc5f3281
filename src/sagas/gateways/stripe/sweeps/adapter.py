"""Stripe's sweep adapter (the SweepGateway protocol)."""

from __future__ import annotations

from sagas.domain.gateway_objects import (
    OrphanClosed,
    SweptWindow,
)
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.sweeps.events import event_payload
from sagas.gateways.stripe.sweeps.orphans import close_orphan
from sagas.gateways.stripe.sweeps.window import objects_in_window


class StripeSweeps(StripeAdapter):
    async def objects_in_window(self, *, created_gte: int, created_lte: int) -> SweptWindow:
        return await objects_in_window(self.client, gte=created_gte, lte=created_lte)

    async def event_payload(self, event_id: str) -> bytes | None:
        return await event_payload(self.client, event_id)

    async def close_orphan(
        self, object_type: str, object_id: str, checkout_id: str | None
    ) -> OrphanClosed | None:
        return await close_orphan(self.client, object_type, object_id, checkout_id)
