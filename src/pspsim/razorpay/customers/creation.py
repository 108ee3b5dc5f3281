"""`POST /v1/customers`. Razorpay has no idempotency key here; `fail_existing` is its guard
against duplicates: the email and contact pair is unique per merchant, and `1` (the
default) refuses a second customer with the same pair while `0` answers the existing one
instead. A customer with neither is never a duplicate. A subscription paid through
Checkout without a customer gets one made at its authentication payment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.api.fields import notes
from pspsim.razorpay.customers.fields import checked_fields
from pspsim.razorpay.customers.lookup import with_pair
from pspsim.razorpay.errors import bad_request
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def new(sim: Sim, *, name: str, email: str | None, contact: str | None, note: Any = None) -> Obj:
    customer: Obj = {
        "id": sim.ids.razorpay("cust"),
        "entity": "customer",
        "name": name,
        "email": email,
        "contact": contact,
        "gstin": None,
        "notes": notes(note),
        "created_at": sim.clock.now(),
    }
    sim.store.razorpay[customer["id"]] = customer
    return customer


def create(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    name, email, contact = checked_fields(params)
    fail_existing = str(params.get("fail_existing", "1")) not in ("0", "false", "False")
    if email is not None or contact is not None:
        existing = with_pair(sim, email, contact)
        if existing is not None:
            if fail_existing:
                raise bad_request("Customer already exists for the merchant")
            return existing
    customer = new(sim, name=name, email=email, contact=contact, note=params.get("notes"))
    if params.get("gstin"):
        customer["gstin"] = str(params["gstin"])
    return customer
