"""Invariant 4: one gateway object per checkout, at most one PSP refund per refund id."""

from __future__ import annotations

from ..psp import PspState
from ..rows import Db


def inv4_one_object_per_request(db: Db, psp: PspState) -> list[str]:
    """4: one gateway object per checkout, at most one PSP refund per refund id."""
    out: list[str] = []
    counts = psp.objects_per_checkout()
    for co in db.checkouts.values():
        made = {k: v for k, v in counts.get(co.id, {}).items() if v}
        want = {co.flow: 1} if co.gateway_object_id else {}
        if co.status == "failed" and not co.gateway_object_id:
            want = {}  # the PSP refused: nothing may exist, or the orphan was cancelled
            made = {k: v for k, v in made.items() if v > 1}
        if made != want:
            out.append(
                f"inv4: checkout {co.id} ({co.flow}) has gateway objects {made}, want {want}"
            )
    by_id = psp.refunds_by_refund_id()
    for refund_id, found in by_id.items():
        if len(found) > 1:
            out.append(f"inv4: refund {refund_id} has {len(found)} PSP refunds")
    for r in db.refunds:
        at_psp = by_id.get(r.id, [])
        if r.status == "succeeded" and (len(at_psp) != 1 or at_psp[0]["id"] != r.gateway_refund_id):
            out.append(
                f"inv4: refund {r.id} (order {r.order_id}) succeeded here but the PSP holds "
                f"{[x['id'] for x in at_psp]} (ours: {r.gateway_refund_id})"
            )
    return out
