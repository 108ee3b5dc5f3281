"""A Stripe event's envelope: its id and type, or MalformedEvent."""

from __future__ import annotations

import json
from typing import Any

from sagas.gateways.event_errors import MalformedEvent


def parse(payload: bytes) -> dict[str, Any]:
    """The event envelope; :class:`MalformedEvent` without a usable id and type."""
    try:
        event = json.loads(payload)
    except ValueError as err:
        raise MalformedEvent(f"body is not JSON: {err}") from err
    if not isinstance(event, dict):
        raise MalformedEvent("event is not a JSON object")
    event_id, event_type = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not event_id:
        raise MalformedEvent("event has no string id")
    if not isinstance(event_type, str) or not event_type:
        raise MalformedEvent("event has no string type")
    return event
