"""Razorpay webhook envelopes: `{"entity": "event", "event", "contains", "payload",
"created_at"}`, signed over the raw body and identified by `X-Razorpay-Event-Id`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pspsim.store import Obj, render

if TYPE_CHECKING:
    from pspsim.state import Sim


def emit(sim: Sim, event: str, entities: dict[str, Obj]) -> Obj:
    """Record and queue `event` carrying snapshots of `entities` (name -> entity)."""
    envelope: Obj = {
        "entity": "event",
        "account_id": sim.config.razorpay_account_id,
        "event": event,
        "contains": list(entities),
        "payload": {name: {"entity": render(entity)} for name, entity in entities.items()},
        "created_at": sim.clock.now(),
    }
    event_id = sim.ids.token(14)
    sim.store.razorpay_events.append({"id": event_id, **envelope})
    body = json.dumps(envelope)
    sim.webhooks.submit("razorpay", event_id, event, body, lambda: None)
    return envelope
