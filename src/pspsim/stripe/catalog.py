"""Products, Prices and Customers: the catalogue that links, sessions and subscriptions use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.store import Obj
from pspsim.stripe.errors import invalid, missing_param, no_such
from pspsim.stripe.params import (
    Params,
    currency,
    metadata,
    opt_bool,
    opt_dict,
    opt_int,
    opt_str,
    req_str,
)

if TYPE_CHECKING:
    from pspsim.state import Sim

INTERVALS = ("day", "week", "month", "year")


def get(sim: Sim, kind: str, object_id: str, param: str = "id") -> Obj:
    obj = sim.store.stripe.get(object_id)
    if obj is None or obj.get("object") != kind:
        raise no_such(kind, object_id, param)
    return obj


def new_product(sim: Sim, name: str, meta: dict[str, str], **fields: Any) -> Obj:
    ts = now()
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
        sim,
        req_str(params, "name"),
        metadata(params),
        description=opt_str(params, "description"),
    )
    if active is False:
        product["active"] = False
    return product


def new_price(sim: Sim, params: Params, prefix: str = "") -> Obj:
    """A Price from `params` (also used for inline `price_data`); `prefix` names params."""
    product_id = opt_str(params, "product")
    if product_id:
        get(sim, "product", product_id, f"{prefix}product")
    else:
        data = opt_dict(params, "product_data")
        if not data.get("name"):
            raise missing_param(f"{prefix}product")
        product_id = new_product(sim, str(data["name"]), {})["id"]
    unit_amount = opt_int(params, "unit_amount", label=f"{prefix}unit_amount")
    if unit_amount is None or unit_amount < 0:
        raise missing_param(f"{prefix}unit_amount")
    recurring_in = opt_dict(params, "recurring")
    recurring = None
    if recurring_in:
        interval = recurring_in.get("interval")
        if interval not in INTERVALS:
            raise invalid(f"Invalid interval: {interval}", param=f"{prefix}recurring[interval]")
        recurring = {
            "interval": interval,
            "interval_count": int(recurring_in.get("interval_count") or 1),
            "meter": None,
            "trial_period_days": None,
            "usage_type": "licensed",
        }
    price: Obj = {
        "id": sim.ids.stripe("price"),
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "created": now(),
        "currency": currency(params),
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


def create_price(sim: Sim, params: Params) -> Obj:
    return new_price(sim, params)


def create_customer(sim: Sim, params: Params) -> Obj:
    customer: Obj = {
        "id": sim.ids.stripe("cus")[:18],
        "object": "customer",
        "address": None,
        "balance": 0,
        "created": now(),
        "currency": None,
        "default_source": None,
        "delinquent": False,
        "description": opt_str(params, "description"),
        "discount": None,
        "email": opt_str(params, "email"),
        "invoice_prefix": sim.ids.token(8).upper(),
        "invoice_settings": {
            "custom_fields": None,
            "default_payment_method": opt_str(params, "payment_method"),
            "footer": None,
            "rendering_options": None,
        },
        "livemode": False,
        "metadata": metadata(params),
        "name": opt_str(params, "name"),
        "next_invoice_sequence": 1,
        "phone": opt_str(params, "phone"),
        "preferred_locales": [],
        "shipping": None,
        "tax_exempt": "none",
        "test_clock": None,
    }
    sim.store.stripe[customer["id"]] = customer
    return customer
