"""The create call's `items`: each names a recurring price, with an optional quantity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.catalog.lookup import get as get_catalog
from pspsim.stripe.errors import invalid, missing_param
from pspsim.stripe.params import Params, opt_int, opt_list

if TYPE_CHECKING:
    from pspsim.state import Sim


def recurring_prices(sim: Sim, params: Params) -> list[tuple[Obj, int]]:
    raw_items = opt_list(params, "items")
    if not raw_items:
        raise missing_param("items")
    prices: list[tuple[Obj, int]] = []
    for i, entry in enumerate(raw_items):
        if not isinstance(entry, dict) or not entry.get("price"):
            raise missing_param(f"items[{i}][price]")
        price = get_catalog(sim, "price", str(entry["price"]), f"items[{i}][price]")
        if price["type"] != "recurring":
            raise invalid(
                "The price specified is set to `type=one_time` but this field only accepts "
                "prices with `type=recurring`.",
                param=f"items[{i}][price]",
            )
        prices.append((price, opt_int(entry, "quantity", label=f"items[{i}][quantity]") or 1))
    return prices
