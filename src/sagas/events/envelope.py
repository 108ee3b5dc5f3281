"""An event as the feed and the webhooks carry it (CONTRACT section 10)."""

from __future__ import annotations

import json
from typing import Any

from sagas.db.models.events import Event


def envelope(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "created_at": event.created_at.isoformat().replace("+00:00", "Z"),
        "sequence": event.sequence,
        "object_id": event.object_id,
        "object_sequence": event.object_sequence,
        "data": event.data,
    }


def body(event: Event) -> str:
    """The exact JSON text a webhook delivers (and signs)."""
    return json.dumps(envelope(event), separators=(",", ":"), sort_keys=True)
