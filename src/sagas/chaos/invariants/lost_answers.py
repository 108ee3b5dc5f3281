"""Invariant 11: under lost answers, no logical request left a second PSP object."""

from __future__ import annotations

from ..psp import PspState
from ..rows import Db


def inv11_one_object_per_request(db: Db, psp: PspState) -> list[str]:
    """11: under lost answers, no logical request left a second PSP object: one
    subscription per subscription id, one refund per refund id, one root object per
    checkout and kind (Sessions a Payment Link opened are the payer's)."""
    out: list[str] = []
    per_sub = psp.subscriptions_per_id()
    for sub in db.subscriptions:
        n = per_sub.get(sub.id, 0)
        if n > 1:
            out.append(f"inv11: subscription {sub.id} has {n} subscriptions at the PSP")
        if sub.gateway_subscription_id and n == 0:
            out.append(
                f"inv11: subscription {sub.id} names {sub.gateway_subscription_id}, "
                "which the PSP does not hold"
            )
    for refund_id, found in psp.refunds_by_refund_id().items():
        if refund_id != "None" and len(found) > 1:
            out.append(f"inv11: refund {refund_id} has {len(found)} refunds at the PSP")
    for cid, kinds in psp.objects_per_checkout().items():
        for kind, n in kinds.items():
            if n > 1:
                out.append(f"inv11: checkout {cid} has {n} {kind} objects at the PSP")
    return out
