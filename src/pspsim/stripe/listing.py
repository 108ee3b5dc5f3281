"""Stripe's list endpoints the product uses to reconcile when a webhook never came:
`GET /v1/checkout/sessions?payment_link=...`, `GET /v1/refunds?payment_intent=...`,
`GET /v1/invoices?subscription=...`, `GET /v1/payment_intents?customer=...`.

Newest first, `limit` (1..100), `starting_after` / `ending_before` cursors, `created`
ranges, and equality filters on the fields each endpoint supports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.event_list import created_ok
from pspsim.stripe.params import Params, opt_int, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

MAX_LIMIT = 100


def _subscription_of(invoice: Obj) -> Any:
    return invoice["parent"]["subscription_details"]["subscription"]


#: object type -> (url, {filter param -> how to read it from an object})
LISTS: dict[str, tuple[str, dict[str, Callable[[Obj], Any]]]] = {
    "checkout.session": (
        "/v1/checkout/sessions",
        {
            "payment_link": lambda o: o["payment_link"],
            "payment_intent": lambda o: o["payment_intent"],
            "subscription": lambda o: o["subscription"],
            "customer": lambda o: o["customer"],
            "status": lambda o: o["status"],
            "client_reference_id": lambda o: o["client_reference_id"],
        },
    ),
    "refund": (
        "/v1/refunds",
        {"payment_intent": lambda o: o["payment_intent"], "charge": lambda o: o["charge"]},
    ),
    "invoice": (
        "/v1/invoices",
        {
            "subscription": _subscription_of,
            "customer": lambda o: o["customer"],
            "status": lambda o: o["status"],
        },
    ),
    "payment_intent": ("/v1/payment_intents", {"customer": lambda o: o["customer"]}),
    "subscription": (
        "/v1/subscriptions",
        {
            "customer": lambda o: o["customer"],
            "status": lambda o: o["status"] if o["status"] != "canceled" else "canceled",
            "price": lambda o: o["items"]["data"][0]["price"]["id"],
        },
    ),
}


def list_objects(sim: Sim, kind: str, params: Params) -> Obj:
    url, filters = LISTS[kind]
    limit = opt_int(params, "limit") or 10
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid(f"Invalid limit: must be between 1 and {MAX_LIMIT}.", param="limit")
    objects = [o for o in sim.store.stripe.values() if o.get("object") == kind]
    objects.sort(key=lambda o: o["created"], reverse=True)
    for name, read in filters.items():
        wanted = opt_str(params, name)
        if wanted is not None:
            objects = [o for o in objects if read(o) == wanted]
    # `created` (exact, or a dict of gt/gte/lt/lte), as Stripe's lists take it: a sweep
    # pages through a fixed window, whatever is created meanwhile.
    objects = [o for o in objects if created_ok(o, params.get("created"))]
    if kind == "subscription" and opt_str(params, "status") is None:
        objects = [o for o in objects if o["status"] != "canceled"]
    ids = [o["id"] for o in objects]
    after, before = opt_str(params, "starting_after"), opt_str(params, "ending_before")
    for cursor, param in ((after, "starting_after"), (before, "ending_before")):
        if cursor and cursor not in sim.store.stripe:
            raise no_such(kind, cursor, param)
    if after and after in ids:
        objects = objects[ids.index(after) + 1 :]
    if before and before in ids:
        objects = objects[: ids.index(before)][-limit:]
    return {"object": "list", "data": objects[:limit], "has_more": len(objects) > limit, "url": url}
