"""The webhook audit log and event states of the campaign's deliveries, once settled."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import datetime
from typing import Any

from .. import observe
from ..http import Api

AUDIT_SETTLE_S = 20.0


async def _webhooks(
    api: Api, since: datetime, log_before: int
) -> tuple[list[dict[str, Any]], Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """The simulator's delivery log against the audit log, given a moment to square up
    (in-flight deliveries and the simulator's retries land)."""
    deadline = time.monotonic() + AUDIT_SETTLE_S
    while True:
        log = await observe.sim_webhook_log(api.sim, log_before)
        made = Counter((e["gateway"], e["event_id"]) for e in log if e["status_code"] is not None)
        audited = await observe.audit(api.client, api.admin, since)
        ours = Counter({k: audited[k] for k in made})
        if all(ours[k] >= n for k, n in made.items()) or time.monotonic() >= deadline:
            return log, made, ours
        await asyncio.sleep(1.0)
