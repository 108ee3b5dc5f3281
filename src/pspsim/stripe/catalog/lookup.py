"""Finding a catalogue object (product, price or customer) by id and kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, kind: str, object_id: str, param: str = "id") -> Obj:
    obj = sim.store.stripe.get(object_id)
    if obj is None or obj.get("object") != kind:
        raise no_such(kind, object_id, param)
    return obj
