"""A new Razorpay subscription as Razorpay renders it, in `created` (waiting for the
payer to authenticate its mandate), with the simulator's private retry state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import notes
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def subscription_object(
    sim: Sim, plan: Obj, params: dict[str, Any], total: int, start_at: int | None
) -> Obj:
    sub_id = sim.ids.razorpay("sub")
    return {
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
        "charge_at": start_at,
        "start_at": start_at,
        "end_at": None,
        "auth_attempts": 0,
        "total_count": total,
        "paid_count": 0,
        "customer_notify": bool(params.get("customer_notify", True)),
        "created_at": sim.clock.now(),
        "expire_by": params.get("expire_by"),
        "short_url": sim.page_url(f"/pay/razorpay/subscription/{sub_id}"),
        "has_scheduled_changes": False,
        "change_scheduled_at": None,
        "source": "api",
        "offer_id": params.get("offer_id"),
        "remaining_count": total,
        "payment_method": None,
        "_failures": 0,
        "_retry_at": None,
        "_card_ok": None,
    }
