"""`POST /v1/payment_links/{id}`: deactivate or reactivate, and change its settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.params import Params, metadata, opt_bool, opt_dict, opt_str
from pspsim.stripe.payment_links.lookup import get
from pspsim.stripe.payment_links.settings import after_completion, pi_data

if TYPE_CHECKING:
    from pspsim.state import Sim


def update(sim: Sim, link_id: str, params: Params) -> Obj:
    link = get(sim, link_id)
    active = opt_bool(params, "active")
    if active is not None:
        link["active"] = active
    if "metadata" in params:
        link["metadata"] = metadata(params, link["metadata"])
    if "after_completion" in params:
        link["after_completion"] = after_completion(opt_dict(params, "after_completion"))
    if "payment_intent_data" in params:
        link["payment_intent_data"] = pi_data(opt_dict(params, "payment_intent_data"))
    if "inactive_message" in params:
        link["inactive_message"] = opt_str(params, "inactive_message")
    return link
