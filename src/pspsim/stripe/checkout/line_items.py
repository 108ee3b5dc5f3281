"""Line items as Checkout Sessions and Payment Links take them: each a catalogue price or
inline `price_data`, all in one currency."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe.catalog.lookup import get as get_catalog
from pspsim.stripe.catalog.prices import new_price
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import opt_dict, opt_int

if TYPE_CHECKING:
    from pspsim.state import Sim


def line_items(sim: Sim, raw: list[Any], prefix: str = "line_items") -> list[Obj]:
    """Resolve `line_items[i][price]` or `[price_data]` into priced items."""
    items: list[Obj] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise invalid("Invalid line item", param=f"{prefix}[{i}]")
        quantity = opt_int(entry, "quantity", label=f"{prefix}[{i}][quantity]") or 1
        if entry.get("price"):
            price = get_catalog(sim, "price", str(entry["price"]), f"{prefix}[{i}][price]")
        elif entry.get("price_data"):
            price = new_price(sim, opt_dict(entry, "price_data"), f"{prefix}[{i}][price_data]")
        else:
            raise invalid(
                "You must specify either `price` or `price_data`.", param=f"{prefix}[{i}]"
            )
        items.append({"price": price["id"], "quantity": quantity, "_price": price})
    return items


def totals(items: list[Obj]) -> tuple[int, str]:
    currencies = {item["_price"]["currency"] for item in items}
    if len(currencies) > 1:
        raise invalid("All line items must use the same currency.", param="line_items")
    amount = sum(int(item["_price"]["unit_amount"]) * int(item["quantity"]) for item in items)
    return amount, currencies.pop()
