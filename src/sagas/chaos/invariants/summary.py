"""A one-line summary of a run's checkouts, refunds and PSP captures."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..psp import PspState
from ..rows import Db


def summary(db: Db, psp: PspState, extra: dict[str, Any]) -> str:
    statuses = Counter(f"{c.flow}:{c.status}" for c in db.checkouts.values())
    return (
        f"checkouts={dict(statuses)} refunds={Counter(r.status for r in db.refunds)} "
        f"captured_at_psp={len(psp.captured())} code_uses={db.code.uses}/{db.code.max_uses} {extra}"
    )
