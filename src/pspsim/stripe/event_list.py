"""`GET /v1/events` and `GET /v1/events/{id}`: what the product replays after an outage.

Newest first, cursor pagination with `starting_after` / `ending_before`, filters on
`type` (with `*` wildcards), `types[]`, `created[...]` and `delivery_success` (false:
events that have not been acknowledged by the webhook endpoint).
"""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.params import Params, opt_bool, opt_int, opt_list, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

MAX_LIMIT = 100
RETENTION_S = 30 * 24 * 3600


def retrieve(sim: Sim, event_id: str) -> Obj:
    event = sim.store.stripe.get(event_id)
    if event is None or event.get("object") != "event":
        raise no_such("event", event_id, "id")
    return event


def created_ok(event: Obj, created: Any) -> bool:
    if created in (None, ""):
        return True
    ts = int(event["created"])
    if isinstance(created, dict):
        ops = {"gt": ts.__gt__, "gte": ts.__ge__, "lt": ts.__lt__, "lte": ts.__le__}
        return all(ops[k](int(v)) for k, v in created.items() if k in ops)
    return ts == int(created)


def list_events(sim: Sim, params: Params) -> Obj:
    limit = opt_int(params, "limit") or 10
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid(f"Invalid limit: must be between 1 and {MAX_LIMIT}.", param="limit")
    type_ = opt_str(params, "type")
    types = [str(t) for t in opt_list(params, "types")]
    delivered = opt_bool(params, "delivery_success")
    events = list(reversed(sim.store.stripe_events))
    if type_:
        events = [e for e in events if fnmatch.fnmatchcase(e["type"], type_)]
    if types:
        events = [e for e in events if e["type"] in types]
    if delivered is not None:
        events = [e for e in events if e["_attempted"] and bool(e.get("_delivered")) is delivered]
    events = [e for e in events if created_ok(e, params.get("created"))]
    after, before = opt_str(params, "starting_after"), opt_str(params, "ending_before")
    ids = [e["id"] for e in events]
    for cursor, param in ((after, "starting_after"), (before, "ending_before")):
        if cursor and cursor not in ids and cursor not in sim.store.stripe:
            raise no_such("event", cursor, param)
    if after and after in ids:
        events = events[ids.index(after) + 1 :]
    if before and before in ids:
        events = events[: ids.index(before)][-limit:]
    page = events[:limit]
    return {
        "object": "list",
        "data": page,
        "has_more": len(events) > limit,
        "url": "/v1/events",
    }
