"""Prices, one-time or recurring, per unit: `POST /v1/prices` and inline `price_data`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import amounts
from pspsim.stripe.catalog.price_product import price_product
from pspsim.stripe.catalog.recurring import recurring_terms
from pspsim.stripe.errors import missing_param
from pspsim.stripe.params import Params, currency, metadata, opt_int, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim


def new_price(sim: Sim, params: Params, prefix: str = "") -> Obj:
    """A Price from `params` (also used for inline `price_data`); `prefix` names params."""
    product_id = price_product(sim, params, prefix)
    unit_amount = opt_int(params, "unit_amount", label=f"{prefix}unit_amount")
    if unit_amount is None or unit_amount < 0:
        raise missing_param(f"{prefix}unit_amount")
    currency_ = currency(params)
    amounts.check_unit(unit_amount, currency_, param=f"{prefix}unit_amount")
    recurring = recurring_terms(params, prefix)
    price: Obj = {
        "id": sim.ids.stripe("price"),
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "created": sim.clock.now(),
        "currency": currency_,
        "custom_unit_amount": None,
        "livemode": False,
        "lookup_key": opt_str(params, "lookup_key"),
        "metadata": metadata(params),
        "nickname": opt_str(params, "nickname"),
        "product": product_id,
        "recurring": recurring,
        "tax_behavior": "unspecified",
        "tiers_mode": None,
        "transform_quantity": None,
        "type": "recurring" if recurring else "one_time",
        "unit_amount": unit_amount,
        "unit_amount_decimal": str(unit_amount),
    }
    sim.store.stripe[price["id"]] = price
    return price
