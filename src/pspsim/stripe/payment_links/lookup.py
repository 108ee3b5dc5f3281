"""Finding a Payment Link by id, with Stripe's `resource_missing` error when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, link_id: str, param: str = "payment_link") -> Obj:
    link = sim.store.stripe.get(link_id)
    if link is None or link.get("object") != "payment_link":
        raise no_such("payment_link", link_id, param)
    return link
