"""`POST /v1/payment_links`: a reusable hosted link for up to 20 line items in one
currency; it never expires but can be deactivated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.checkout.line_items import line_items, totals
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_list
from pspsim.stripe.payment_links.objects import link_object

if TYPE_CHECKING:
    from pspsim.state import Sim


MAX_LINE_ITEMS = 20


def create(sim: Sim, params: Params) -> Obj:
    raw_items = opt_list(params, "line_items")
    if not raw_items:
        raise invalid("Missing required param: line_items.", param="line_items")
    if len(raw_items) > MAX_LINE_ITEMS:
        raise invalid(f"You can have at most {MAX_LINE_ITEMS} line items.", param="line_items")
    items = line_items(sim, raw_items)
    _, currency_ = totals(items)
    link_id = sim.ids.stripe("plink")
    link = link_object(sim, link_id, params, currency_, items)
    sim.store.stripe[link_id] = link
    return link
