"""Razorpay plans: a period (daily plans need an interval of at least 7) and an item
with the amount each charge of a subscription on the plan takes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import notes, req_int
from pspsim.razorpay.errors import bad_request, not_found
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

PERIODS = {
    "daily": ("day", 1),
    "weekly": ("week", 1),
    "monthly": ("month", 1),
    "quarterly": ("month", 3),
    "yearly": ("year", 1),
}


def get_entity(sim: Sim, object_id: str, entity: str) -> Obj:
    """The stored object of that entity (plan, subscription), else Razorpay's 404."""
    obj = sim.store.razorpay.get(object_id)
    if obj is None or obj.get("entity") != entity:
        raise not_found()
    return obj


def get_plan(sim: Sim, plan_id: str) -> Obj:
    return get_entity(sim, plan_id, "plan")


def create_plan(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    period = params.get("period")
    if period not in PERIODS:
        raise bad_request(
            "The period must be one of daily, weekly, monthly, quarterly, yearly", "period"
        )
    interval = req_int(params, "interval")
    if period == "daily" and interval < 7:
        raise bad_request("The interval must be at least 7 for daily plans", "interval")
    item = params.get("item")
    if not isinstance(item, dict):
        raise bad_request("The item field is required.", "item")
    amount = req_int(item, "amount")
    ts = sim.clock.now()
    plan: Obj = {
        "id": sim.ids.razorpay("plan"),
        "entity": "plan",
        "interval": interval,
        "period": period,
        "item": {
            "id": sim.ids.razorpay("item"),
            "active": True,
            "name": str(item.get("name") or ""),
            "description": item.get("description"),
            "amount": amount,
            "unit_amount": amount,
            "currency": str(item.get("currency") or "INR").upper(),
            "type": "plan",
            "unit": None,
            "tax_inclusive": False,
            "hsn_code": None,
            "sac_code": None,
            "tax_rate": None,
            "tax_id": None,
            "tax_group_id": None,
            "created_at": ts,
            "updated_at": ts,
        },
        "notes": notes(params.get("notes")),
        "created_at": ts,
    }
    sim.store.razorpay[plan["id"]] = plan
    return plan
