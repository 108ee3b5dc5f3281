"""Invariant 10: the event feed is in strictly increasing sequence, each object in order."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any

from ..rows import PAID_ORDER, Db


def inv10_event_feed(db: Db, feed: list[dict[str, Any]] | None) -> list[str]:
    """10: the feed is in strictly increasing sequence, each object's updates in order;
    every paid order, succeeded refund and ended checkout has its event, and no event
    reports a payment that did not happen."""
    if feed is None:
        return []
    out: list[str] = []
    seqs = [int(e.get("sequence", 0)) for e in feed]
    if any(b <= a for a, b in pairwise(seqs)):
        out.append("inv10: the feed's sequence is not strictly increasing")
    ids = Counter(str(e.get("id")) for e in feed)
    out += [f"inv10: event {i} appears {n}x in the feed" for i, n in ids.items() if n > 1]
    per_object: dict[str, list[int]] = defaultdict(list)
    types: dict[str, set[str]] = defaultdict(set)
    for e in feed:
        obj = str(e.get("object_id"))
        per_object[obj].append(int(e.get("object_sequence", 0)))
        types[obj].add(str(e.get("type")))
    for obj, seq in per_object.items():
        if any(b <= a for a, b in pairwise(seq)):
            out.append(f"inv10: {obj}'s object_sequence is not increasing: {seq[:8]}")
    for order in db.orders.values():
        paid = order.status in PAID_ORDER and bool(db.captured_payment(order.id))
        has_paid = "order.paid" in types.get(order.id, set())
        if paid and not has_paid:
            out.append(
                f"inv10: order {order.id} is {order.status} but order.paid is not in the feed"
            )
        if has_paid and not paid and order.status not in ("refunded", "partially_refunded"):
            out.append(f"inv10: order.paid for order {order.id}, which is {order.status}")
    for r in db.refunds:
        if r.status == "succeeded" and "refund.succeeded" not in types.get(r.id, set()):
            out.append(f"inv10: refund {r.id} succeeded but refund.succeeded is not in the feed")
    return out
