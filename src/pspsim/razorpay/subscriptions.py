"""Razorpay plans and subscriptions.

created -> authenticated (mandate set up) -> active (first charge) -> pending (a renewal
failed; retried) -> halted (after `razorpay_halt_after_failures` failures); a paid
charge brings it back to active; cancelled by the API or the PSP; completed after
`total_count` charges. Payments of a subscription are signed `payment_id|subscription_id`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.razorpay import events, payments
from pspsim.razorpay.api import collection, notes, req_int
from pspsim.razorpay.errors import bad_request, not_found
from pspsim.store import Obj
from pspsim.stripe.subscriptions import add_interval

if TYPE_CHECKING:
    from pspsim.state import Sim

PERIODS = {
    "daily": ("day", 1),
    "weekly": ("week", 1),
    "monthly": ("month", 1),
    "quarterly": ("month", 3),
    "yearly": ("year", 1),
}
NOT_CANCELLABLE = ("cancelled", "completed", "expired")


def _get(sim: Sim, object_id: str, entity: str) -> Obj:
    obj = sim.store.razorpay.get(object_id)
    if obj is None or obj.get("entity") != entity:
        raise not_found()
    return obj


def get_plan(sim: Sim, plan_id: str) -> Obj:
    return _get(sim, plan_id, "plan")


def get(sim: Sim, sub_id: str) -> Obj:
    return _get(sim, sub_id, "subscription")


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
    ts = now()
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


def create(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    plan = get_plan(sim, str(params.get("plan_id") or ""))
    total = req_int(params, "total_count")
    if total < 1:
        raise bad_request("The total count must be at least 1.", "total_count")
    sub_id = sim.ids.razorpay("sub")
    sub: Obj = {
        "id": sub_id,
        "entity": "subscription",
        "plan_id": plan["id"],
        "customer_id": params.get("customer_id"),
        "status": "created",
        "current_start": None,
        "current_end": None,
        "ended_at": None,
        "quantity": int(params.get("quantity") or 1),
        "notes": notes(params.get("notes")),
        "charge_at": params.get("start_at"),
        "start_at": params.get("start_at"),
        "end_at": None,
        "auth_attempts": 0,
        "total_count": total,
        "paid_count": 0,
        "customer_notify": bool(params.get("customer_notify", True)),
        "created_at": now(),
        "expire_by": params.get("expire_by"),
        "short_url": sim.page_url(f"/pay/razorpay/subscription/{sub_id}"),
        "has_scheduled_changes": False,
        "change_scheduled_at": None,
        "source": "api",
        "offer_id": params.get("offer_id"),
        "remaining_count": total,
        "payment_method": None,
        "_failures": 0,
    }
    sim.store.razorpay[sub_id] = sub
    return sub


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


def _charge(sim: Sim, sub: Obj, succeed: bool) -> Obj:
    plan = get_plan(sim, sub["plan_id"])
    payment = payments.new_payment(
        sim,
        amount=plan["item"]["amount"] * sub["quantity"],
        currency=plan["item"]["currency"],
        order=None,
        note=sub["notes"],
    )
    payment["invoice_id"] = sim.ids.razorpay("inv")
    payment["description"] = f"Subscription {sub['id']}"
    if not succeed:
        return payments.fail(sim, payment)
    payment["status"] = "authorized"
    return payments.mark_captured(sim, payment)


def _advance(sim: Sim, sub: Obj) -> None:
    plan = get_plan(sim, sub["plan_id"])
    unit, mult = PERIODS[plan["period"]]
    start = sub["current_end"] or now()
    sub["current_start"] = start
    sub["current_end"] = add_interval(start, unit, mult * plan["interval"])
    sub["charge_at"] = sub["current_end"]
    sub["paid_count"] += 1
    sub["remaining_count"] = sub["total_count"] - sub["paid_count"]


def authenticate_and_charge(sim: Sim, sub: Obj, succeed: bool) -> Obj:
    """The payer completing the subscription checkout: mandate plus first charge."""
    if sub["status"] != "created":
        raise bad_request(f"Subscription is {sub['status']}, not created.")
    sub["auth_attempts"] += 1
    payment = _charge(sim, sub, succeed)
    if not succeed:
        return payment
    sub["status"] = "authenticated"
    sub["payment_method"] = "card"
    events.emit(sim, "subscription.authenticated", {"subscription": sub})
    sub["status"] = "active"
    sub["start_at"] = sub["start_at"] or now()
    _advance(sim, sub)
    events.emit(sim, "subscription.activated", {"subscription": sub})
    events.emit(sim, "subscription.charged", {"subscription": sub, "payment": payment})
    _complete_if_done(sim, sub, payment)
    return payment


def renew(sim: Sim, sub: Obj, succeed: bool) -> Obj:
    if sub["status"] not in ("active", "pending", "halted"):
        raise bad_request(f"Subscription is {sub['status']}; only live subscriptions renew.")
    if sub.get("_cancel_at_cycle_end"):
        cancel_now(sim, sub)
        raise bad_request("Subscription was cancelled at the end of its cycle.")
    payment = _charge(sim, sub, succeed)
    if succeed:
        sub["_failures"] = 0
        sub["status"] = "active"
        _advance(sim, sub)
        events.emit(sim, "subscription.charged", {"subscription": sub, "payment": payment})
        _complete_if_done(sim, sub, payment)
        return payment
    sub["_failures"] += 1
    halted = sub["_failures"] >= sim.config.razorpay_halt_after_failures
    sub["status"] = "halted" if halted else "pending"
    name = "subscription.halted" if halted else "subscription.pending"
    events.emit(sim, name, {"subscription": sub, "payment": payment})
    return payment


def _complete_if_done(sim: Sim, sub: Obj, payment: Obj) -> None:
    if sub["paid_count"] >= sub["total_count"]:
        sub.update(status="completed", ended_at=now(), end_at=sub["current_end"])
        events.emit(sim, "subscription.completed", {"subscription": sub, "payment": payment})


def cancel(sim: Sim, sub_id: str, params: dict[str, Any], _request: object = None) -> Obj:
    sub = get(sim, sub_id)
    if sub["status"] in NOT_CANCELLABLE:
        raise bad_request(f"Subscription is not cancellable in {sub['status']} status.")
    if str(params.get("cancel_at_cycle_end", 0)) in ("1", "True", "true"):
        sub.update(
            has_scheduled_changes=True,
            change_scheduled_at=sub["current_end"],
            end_at=sub["current_end"],
            _cancel_at_cycle_end=True,
        )
        return sub
    return cancel_now(sim, sub)


def cancel_now(sim: Sim, sub: Obj) -> Obj:
    sub.update(status="cancelled", ended_at=now(), charge_at=None, has_scheduled_changes=False)
    events.emit(sim, "subscription.cancelled", {"subscription": sub})
    return sub
