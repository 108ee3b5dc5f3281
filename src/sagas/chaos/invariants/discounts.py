"""Invariant 5: a discount code's uses match the redemptions holding one, within max_uses."""

from __future__ import annotations

from ..rows import PAID_ORDER, Db


def inv5_discount(db: Db, used_by: set[str]) -> list[str]:
    """5: uses == redemptions holding/consuming a use, <= max_uses; released give back.
    ``used_by`` is every checkout this test created with the code."""
    out: list[str] = []
    live = [r for r in db.redemptions if r.status in ("held", "consumed")]
    if db.code.uses != len(live):
        out.append(f"inv5: code {db.code.code} uses={db.code.uses} but {len(live)} held/consumed")
    if db.code.max_uses is not None and db.code.uses > db.code.max_uses:
        out.append(f"inv5: code {db.code.code} uses={db.code.uses} > max_uses={db.code.max_uses}")
    reds = {r.checkout_id: r for r in db.redemptions}
    for cid in used_by:
        co = db.checkouts.get(cid)
        if co is None:
            continue
        red = reds.get(cid)
        paid = db.orders[co.order_id].status in PAID_ORDER and co.status == "fulfilled"
        want = "consumed" if paid else "released"
        if red is None or red.status != want:
            got = red.status if red else "no redemption"
            out.append(f"inv5: checkout {cid} ({co.status}) holds a {got} use, want {want}")
    return out
