"""What the checker read after the campaign, and the workflows it started."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..psp import PspState
from ..rows import Db


@dataclass
class Evidence:
    db: Db
    psp: PspState
    workflows: dict[str, str]
    made: Counter[tuple[str, str]]  # deliveries the PSP got an answer for
    audited: Counter[tuple[str, str]]
    acked: set[tuple[str, str]]
    event_status: dict[tuple[str, str], str]
    log: list[dict[str, Any]]
    feed: list[dict[str, Any]] | None
    granted: dict[str, set[str]]


def _workflow_ids(db: Db) -> set[str]:
    wfs = {c.workflow_id for c in db.checkouts.values()} | {r.workflow_id for r in db.refunds}
    wfs |= {
        f"payment-review-{p.gateway}-{p.gateway_payment_id}"
        for p in db.payments
        if p.status != "captured"
    }
    return wfs
