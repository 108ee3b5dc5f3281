"""One entry of the delivery log that `GET /_sim/webhooks` serves: every attempt, and
every drop or duplicate the faults cause."""

from __future__ import annotations

import time
from typing import Any

from pspsim.webhooks.deliveries import Delivery


def log_entry(
    entry_id: int,
    delivery: Delivery,
    *,
    attempt: int,
    url: str | None,
    status: int | None = None,
    error: str | None = None,
    dropped: bool = False,
    duplicate: bool = False,
) -> dict[str, Any]:
    return {
        "id": entry_id,
        "event_id": delivery.event_id,
        "gateway": delivery.gateway,
        "type": delivery.type,
        "url": url,
        "attempt": attempt,
        "status_code": status,
        "error": error,
        "succeeded": status is not None and 200 <= status < 300,
        "dropped": dropped,
        "duplicate": duplicate,
        "reordered": bool(delivery.extra.get("reordered")),
        "timestamp": time.time(),
    }
