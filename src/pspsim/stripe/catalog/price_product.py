"""A price's product: an existing one named by `product`, or one made from
`product_data[name]`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.stripe.catalog.lookup import get
from pspsim.stripe.catalog.products import new_product
from pspsim.stripe.errors import missing_param
from pspsim.stripe.params import Params, opt_dict, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim


def price_product(sim: Sim, params: Params, prefix: str) -> str:
    product_id = opt_str(params, "product")
    if product_id:
        get(sim, "product", product_id, f"{prefix}product")
    else:
        data = opt_dict(params, "product_data")
        if not data.get("name"):
            raise missing_param(f"{prefix}product")
        product_id = new_product(sim, str(data["name"]), {})["id"]
    return product_id
