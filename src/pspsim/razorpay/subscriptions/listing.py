"""`GET /v1/subscriptions` with Razorpay's few filters and its count/skip paging."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.paging import int_param, paged
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def list_subscriptions(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    """`GET /v1/subscriptions`: newest first, `plan_id`, `from`/`to` (created_at, epoch
    seconds, inclusive), `count` (1..100, default 10) and `skip`. Razorpay filters on
    nothing else: finding one by its notes is the caller's scan."""
    subs = [o for o in sim.store.razorpay.values() if o.get("entity") == "subscription"]
    subs.reverse()  # the store keeps creation order; the stable sort keeps it in a second
    subs.sort(key=lambda o: o["created_at"], reverse=True)
    if params.get("plan_id"):
        subs = [o for o in subs if o["plan_id"] == params["plan_id"]]
    first = int_param(params, "from", 0, 0, 2**62)
    last = int_param(params, "to", 2**62, 0, 2**62)
    subs = [o for o in subs if first <= o["created_at"] <= last]
    return paged(subs, params)
