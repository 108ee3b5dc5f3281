"""Stripe events: stored for `/v1/events`, delivered as signed webhooks.

An event carries a snapshot of its object at the moment it happened (Stripe's events do
not change afterwards); `pending_webhooks` counts endpoints that have not acknowledged
it, which is what `delivery_success=false` filters on.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pspsim.store import Obj, render
from pspsim.stripe.context import current_request

if TYPE_CHECKING:
    from pspsim.state import Sim

API_VERSION = "2026-10-28.endive"


def emit(sim: Sim, type_: str, obj: Obj, previous: dict[str, Any] | None = None) -> Obj:
    """Record an event for `obj` and queue its webhook."""
    req = current_request.get()
    data: dict[str, Any] = {"object": render(obj)}
    if previous is not None:
        data["previous_attributes"] = previous
    event: Obj = {
        "id": sim.ids.stripe("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": sim.clock.now(),
        "data": data,
        "livemode": False,
        "pending_webhooks": 1 if sim.webhooks.url("stripe") else 0,
        "request": {
            "id": req.id if req else None,
            "idempotency_key": req.idempotency_key if req else None,
        },
        "type": type_,
        "_attempted": False,
    }
    sim.store.stripe_events.append(event)
    sim.store.stripe[event["id"]] = event

    def delivered() -> None:
        event["pending_webhooks"] = 0
        event["_delivered"] = True

    body = json.dumps(render(event), indent=2)
    queued = sim.webhooks.submit("stripe", event["id"], type_, body, delivered)
    event["_attempted"] = queued
    if not queued:
        event["pending_webhooks"] = 0
    return event
