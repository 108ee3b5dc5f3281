"""`GET /v1/subscriptions` with Razorpay's few filters and its count/skip paging."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import collection
from pspsim.razorpay.errors import bad_request
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def _int_param(params: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise bad_request(f"The {name} must be an integer.", name) from None
    if not low <= value <= high:
        raise bad_request(f"The {name} must be between {low} and {high}.", name)
    return value


def list_subscriptions(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    """`GET /v1/subscriptions`: newest first, `plan_id`, `from`/`to` (created_at, epoch
    seconds, inclusive), `count` (1..100, default 10) and `skip`. Razorpay filters on
    nothing else: finding one by its notes is the caller's scan."""
    subs = [o for o in sim.store.razorpay.values() if o.get("entity") == "subscription"]
    subs.reverse()  # the store keeps creation order; the stable sort keeps it in a second
    subs.sort(key=lambda o: o["created_at"], reverse=True)
    if params.get("plan_id"):
        subs = [o for o in subs if o["plan_id"] == params["plan_id"]]
    first = _int_param(params, "from", 0, 0, 2**62)
    last = _int_param(params, "to", 2**62, 0, 2**62)
    subs = [o for o in subs if first <= o["created_at"] <= last]
    count = _int_param(params, "count", 10, 1, 100)
    skip = _int_param(params, "skip", 0, 0, 2**31)
    return collection(subs[skip : skip + count])
