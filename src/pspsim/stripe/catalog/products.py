"""Products: the things prices are for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe.params import Params, metadata, opt_bool, opt_str, req_str

if TYPE_CHECKING:
    from pspsim.state import Sim


def new_product(sim: Sim, name: str, meta: dict[str, str], **fields: Any) -> Obj:
    ts = sim.clock.now()
    product: Obj = {
        "id": sim.ids.stripe("prod"),
        "object": "product",
        "active": True,
        "created": ts,
        "default_price": None,
        "description": fields.get("description"),
        "images": [],
        "livemode": False,
        "marketing_features": [],
        "metadata": meta,
        "name": name,
        "package_dimensions": None,
        "shippable": None,
        "statement_descriptor": None,
        "tax_code": None,
        "type": "service",
        "unit_label": None,
        "updated": ts,
        "url": None,
    }
    sim.store.stripe[product["id"]] = product
    return product


def create_product(sim: Sim, params: Params) -> Obj:
    active = opt_bool(params, "active")
    product = new_product(
        sim, req_str(params, "name"), metadata(params), description=opt_str(params, "description")
    )
    if active is False:
        product["active"] = False
    return product
