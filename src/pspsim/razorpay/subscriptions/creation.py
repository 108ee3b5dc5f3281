"""`POST /v1/subscriptions`: a plan, a `total_count` of charges, an optional customer and
a future `start_at` (a trial); the payer then authenticates it at its `short_url`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import req_int
from pspsim.razorpay.customers import lookup as customer_lookup
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.plans import get_plan
from pspsim.razorpay.subscriptions.objects import subscription_object
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def create(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    plan = get_plan(sim, str(params.get("plan_id") or ""))
    total = req_int(params, "total_count")
    if total < 1:
        raise bad_request("The total count must be at least 1.", "total_count")
    if params.get("customer_id"):
        customer_lookup.get(sim, str(params["customer_id"]))
    start_at = params.get("start_at")
    if start_at is not None:
        start_at = req_int(params, "start_at")
        if start_at <= sim.clock.now():
            raise bad_request("start_at cannot be lesser than the current time", "start_at")
    sub = subscription_object(sim, plan, params, total, start_at)
    sim.store.razorpay[sub["id"]] = sub
    sim.store.billed.append(("razorpay", sub["id"]))
    return sub
