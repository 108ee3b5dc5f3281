"""Finding a Razorpay order by id, and all orders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.errors import not_found
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, order_id: str) -> Obj:
    order = sim.store.razorpay.get(order_id)
    if order is None or order.get("entity") != "order":
        raise not_found()
    return order


def all_orders(sim: Sim) -> list[Obj]:
    return [o for o in sim.store.razorpay.values() if o.get("entity") == "order"]
