"""`GET /v1/disputes`: Stripe's list of disputes, filtered by charge or PaymentIntent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.params import Params, opt_int, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim


def list_disputes(sim: Sim, params: Params) -> Obj:
    """`GET /v1/disputes?charge=&payment_intent=`, newest first, with cursors."""
    limit = opt_int(params, "limit") or 10
    if not 1 <= limit <= 100:
        raise invalid("Invalid limit: must be between 1 and 100.", param="limit")
    found = [o for o in sim.store.stripe.values() if o.get("object") == "dispute"]
    found.sort(key=lambda o: o["created"], reverse=True)
    for name in ("charge", "payment_intent"):
        wanted = opt_str(params, name)
        if wanted is not None:
            found = [o for o in found if o[name] == wanted]
    after = opt_str(params, "starting_after")
    if after:
        ids = [o["id"] for o in found]
        if after not in sim.store.stripe:
            raise no_such("dispute", after, "starting_after")
        found = found[ids.index(after) + 1 :] if after in ids else found
    return {
        "object": "list",
        "data": found[:limit],
        "has_more": len(found) > limit,
        "url": "/v1/disputes",
    }
