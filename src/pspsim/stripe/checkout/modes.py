"""A session's `mode` and its line items agree: `payment` takes one-time prices only (and
a chargeable total), `subscription` needs at least one recurring price."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import amounts
from pspsim.stripe.checkout.line_items import line_items, totals
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_list, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

MAX_LINE_ITEMS = 100


def session_mode(params: Params) -> str:
    mode = opt_str(params, "mode") or "payment"
    if mode not in ("payment", "subscription"):
        raise invalid(f"Invalid mode: {mode}", param="mode")
    return mode


def session_items(sim: Sim, params: Params, mode: str) -> tuple[list[Obj], int, str]:
    """The session's priced items, its total and currency."""
    raw_items = opt_list(params, "line_items")
    if not raw_items:
        raise invalid("You must provide at least one line item.", param="line_items")
    if len(raw_items) > MAX_LINE_ITEMS:
        raise invalid(f"You can have at most {MAX_LINE_ITEMS} line items.", param="line_items")
    items = line_items(sim, raw_items)
    recurring = [i for i in items if i["_price"]["type"] == "recurring"]
    if mode == "subscription" and not recurring:
        raise invalid(
            "You must specify at least one recurring price in `subscription` mode.",
            param="line_items",
        )
    if mode == "payment" and recurring:
        raise invalid("You must use `subscription` mode for recurring prices.", param="line_items")
    amount, currency_ = totals(items)
    if mode == "payment":
        amounts.check_charge(amount, currency_, param="line_items")
    return items, amount, currency_
