"""Invariant 3: nothing waits: every checkout and refund terminal, every workflow closed."""

from __future__ import annotations

from ..rows import TERMINAL_CHECKOUT, TERMINAL_ORDER, Db


def inv3_nothing_waits(db: Db, closed: dict[str, str]) -> list[str]:
    """3: every checkout and refund is in a terminal state, every workflow closed.
    ``closed`` maps workflow id -> its execution status name (or 'missing')."""
    out: list[str] = []
    for co in db.checkouts.values():
        order = db.orders[co.order_id]
        if co.status not in TERMINAL_CHECKOUT or order.status not in TERMINAL_ORDER:
            out.append(f"inv3: checkout {co.id} ({co.flow}) left {co.status}, order {order.status}")
    for r in db.refunds:
        if r.status == "pending":
            out.append(f"inv3: refund {r.id} of order {r.order_id} left pending")
    for wf, status in sorted(closed.items()):
        if status == "RUNNING":
            out.append(f"inv3: workflow {wf} is still running")
    return out
