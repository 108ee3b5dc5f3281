"""Invariant 12: a refund the PSP failed leaves the money on the order."""

from __future__ import annotations

from ..psp import PspState
from ..rows import Db


def inv12_refunds_reversed(db: Db, psp: PspState) -> list[str]:
    """12: a refund the PSP failed (also after reporting it succeeded) leaves the money on
    the order; one it settled is ours as succeeded. (Disputes are not opened by the
    campaign; an open dispute's amount is checked where a dispute exists.)"""
    out: list[str] = []
    by_id = psp.refunds_by_refund_id()
    for r in db.refunds:
        found = by_id.get(r.id, [])
        settled = [x for x in found if x.get("status") in ("succeeded", "processed")]
        failed = [x for x in found if x.get("status") == "failed"]
        if r.status == "succeeded" and failed and not settled:
            out.append(
                f"inv12: refund {r.id} is succeeded here but failed at the PSP: the money "
                f"was not put back on order {r.order_id}"
            )
        if r.status == "failed" and settled:
            out.append(f"inv12: refund {r.id} is failed here but settled at the PSP")
    return out
