"""Finding a Razorpay subscription by id, with Razorpay's error when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.plans import get_entity
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, sub_id: str) -> Obj:
    return get_entity(sim, sub_id, "subscription")
