"""`POST /v1/customers/{id}`: contact fields, metadata and the default payment method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.catalog.lookup import get
from pspsim.stripe.confirmation.test_cards import card_for
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, metadata, opt_dict, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim


def update_customer(sim: Sim, customer_id: str, params: Params) -> Obj:
    """Contact fields, metadata and `invoice_settings[default_payment_method]`."""
    customer = get(sim, "customer", customer_id, "customer")
    settings = opt_dict(params, "invoice_settings")
    for key in settings:
        if key != "default_payment_method":
            raise invalid(
                f"Received unknown parameter: invoice_settings[{key}]",
                param=f"invoice_settings[{key}]",
                code="parameter_unknown",
            )
    if "default_payment_method" in settings:
        pm = settings["default_payment_method"] or None
        if pm is not None:
            card_for(sim, str(pm))
        customer["invoice_settings"]["default_payment_method"] = pm
    for name in ("description", "email", "name", "phone"):
        if name in params:
            customer[name] = opt_str(params, name)
    if "metadata" in params:
        customer["metadata"] = metadata(params, customer["metadata"])
    return customer
