"""`GET /v1/orders` (`?receipt=` finds the order a lost answer created), and an order's
payments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import collection
from pspsim.razorpay.orders.lookup import all_orders, get
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def list_orders(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    orders = sorted(all_orders(sim), key=lambda o: o["created_at"], reverse=True)
    if params.get("receipt"):
        orders = [o for o in orders if o["receipt"] == params["receipt"]]
    # `from` / `to`: Unix seconds, inclusive, on `created_at` (Razorpay's list filters).
    if str(params.get("from") or "").isdigit():
        orders = [o for o in orders if o["created_at"] >= int(params["from"])]
    if str(params.get("to") or "").isdigit():
        orders = [o for o in orders if o["created_at"] <= int(params["to"])]
    count = min(int(params.get("count") or 10), 100)
    skip = int(params.get("skip") or 0)
    return collection(orders[skip : skip + count])


def payments_of(sim: Sim, order_id: str) -> Obj:
    get(sim, order_id)
    payments = [
        p
        for p in sim.store.razorpay.values()
        if p.get("entity") == "payment" and p.get("order_id") == order_id
    ]
    return collection(payments)
