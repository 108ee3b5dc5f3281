"""Finding a Razorpay customer by id, or by its email and contact pair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.errors import not_found
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, customer_id: str) -> Obj:
    customer = sim.store.razorpay.get(customer_id)
    if customer is None or customer.get("entity") != "customer":
        raise not_found()
    return customer


def with_pair(sim: Sim, email: str | None, contact: str | None) -> Obj | None:
    for obj in sim.store.razorpay.values():
        if obj.get("entity") == "customer" and (obj["email"], obj["contact"]) == (email, contact):
            return obj
    return None
