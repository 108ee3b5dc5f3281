"""Stripe events: those whose delivery failed in the window, and one read back."""

from __future__ import annotations

import json

import stripe

from sagas.domain.gateway_objects import (
    SweptWindow,
)
from sagas.gateways.stripe.client import as_dict, stripe_call
from sagas.gateways.stripe.sweeps.paging import in_window


async def _failed_events(client: stripe.StripeClient, w: SweptWindow, gte: int, lte: int) -> None:
    list_fn = client.v1.events.list_async
    async for event in in_window(list_fn, gte=gte, lte=lte, delivery_success=False):
        w.saw("failed_delivery_event")
        obj = (event.get("data") or {}).get("object") or {}
        w.failed_events.append((str(event["id"]), str(obj.get("id") or "")))


async def event_payload(client: stripe.StripeClient, event_id: str) -> bytes:
    """The event as Stripe delivers it, read back over the API (authenticated by our key,
    so as trustworthy as a signed delivery). The SDK reads Stripe's ``*_decimal`` strings
    (a price's ``unit_amount_decimal``, in every subscription and invoice event) as
    ``Decimal``: they go back to the strings Stripe sent."""
    event = await stripe_call(client.v1.events.retrieve_async, event_id)
    return json.dumps(as_dict(event), default=str).encode()
