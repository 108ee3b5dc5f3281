"""A Razorpay envelope: JSON with an event name, its id from the X-Razorpay-Event-Id header."""

from __future__ import annotations

import json
from typing import Any

from sagas.gateways.event_errors import MalformedEvent

EVENT_ID_HEADER = "x-razorpay-event-id"


MAX_EVENT_ID = 255


def parse(payload: bytes, event_id: str | None) -> dict[str, Any]:
    """The envelope; :class:`MalformedEvent` without JSON, an ``event`` name or an id."""
    if not event_id or len(event_id) > MAX_EVENT_ID:
        raise MalformedEvent("missing or overlong X-Razorpay-Event-Id header")
    try:
        envelope = json.loads(payload)
    except ValueError as err:
        raise MalformedEvent(f"body is not JSON: {err}") from err
    if not isinstance(envelope, dict):
        raise MalformedEvent("event is not a JSON object")
    if not isinstance(envelope.get("event"), str) or not envelope["event"]:
        raise MalformedEvent("event has no string event name")
    return envelope
