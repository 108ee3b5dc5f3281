"""`POST /v1/setup_intents`: for a customer, with an optional card (then
`requires_confirmation`) and `confirm=true` to confirm it at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.confirmation.test_cards import card_for
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.params import Params, metadata, opt_bool, opt_list, opt_str
from pspsim.stripe.setup_intents.card_attempt import confirm_with
from pspsim.stripe.setup_intents.objects import new

if TYPE_CHECKING:
    from pspsim.state import Sim


def create(sim: Sim, params: Params) -> Obj:
    usage = opt_str(params, "usage") or "off_session"
    if usage not in ("off_session", "on_session"):
        raise invalid(f"Invalid usage: {usage}", param="usage")
    customer = opt_str(params, "customer")
    if customer:
        obj = sim.store.stripe.get(customer)
        if obj is None or obj.get("object") != "customer":
            raise no_such("customer", customer, "customer")
    opt_list(params, "payment_method_types")
    si = new(sim, customer=customer, meta=metadata(params), usage=usage)
    si["description"] = opt_str(params, "description")
    si["_return_url"] = opt_str(params, "return_url")
    pm = opt_str(params, "payment_method")
    if pm:
        card_for(sim, pm)
        si["payment_method"] = pm
        si["status"] = "requires_confirmation"
    if opt_bool(params, "confirm"):
        confirm_with(sim, si, pm, raise_on_error=True)
    return si
