"""Finding a Razorpay dispute by id, and listing them newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.errors import not_found
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, dispute_id: str) -> Obj:
    dispute = sim.store.razorpay.get(dispute_id)
    if dispute is None or dispute.get("entity") != "dispute":
        raise not_found()
    return dispute


def list_disputes(sim: Sim, params: dict[str, Any]) -> list[Obj]:
    found = [o for o in sim.store.razorpay.values() if o.get("entity") == "dispute"]
    found.sort(key=lambda o: o["created_at"], reverse=True)
    return found
