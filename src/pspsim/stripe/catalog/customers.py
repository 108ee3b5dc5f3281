"""Customers, whose `invoice_settings.default_payment_method` renewals charge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.params import Params, metadata, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim


def create_customer(sim: Sim, params: Params) -> Obj:
    customer: Obj = {
        "id": sim.ids.stripe("cus")[:18],
        "object": "customer",
        "address": None,
        "balance": 0,
        "created": sim.clock.now(),
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
