"""`POST /v1/payment_intents`: with a `payment_method` it waits in
`requires_confirmation`; with `confirm=true` it is confirmed at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.confirmation.confirming import confirm_with
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, currency, metadata, opt_bool, opt_list, opt_str, req_int
from pspsim.stripe.payment_intents.objects import new

if TYPE_CHECKING:
    from pspsim.state import Sim


def create(sim: Sim, params: Params) -> Obj:
    capture_method = opt_str(params, "capture_method")
    if capture_method not in (None, "automatic", "automatic_async", "manual"):
        raise invalid(f"Invalid capture_method: {capture_method}", param="capture_method")
    apm = params.get("automatic_payment_methods")
    pi = new(
        sim,
        amount=req_int(params, "amount"),
        currency_=currency(params),
        meta=metadata(params),
        capture_method=capture_method,
        customer=opt_str(params, "customer"),
        description=opt_str(params, "description"),
        receipt_email=opt_str(params, "receipt_email"),
        payment_method_types=opt_list(params, "payment_method_types") or None,
        automatic_payment_methods=(
            {"allow_redirects": "always", "enabled": True}
            if isinstance(apm, dict) and apm.get("enabled") == "true"
            else None
        ),
        setup_future_usage=opt_str(params, "setup_future_usage"),
        statement_descriptor=opt_str(params, "statement_descriptor"),
        return_url=opt_str(params, "return_url"),
    )
    pm = opt_str(params, "payment_method")
    if pm:
        pi["payment_method"] = pm
        pi["status"] = "requires_confirmation"
    if opt_bool(params, "confirm"):
        confirm_with(sim, pi, pm, raise_on_decline=True)
    return pi
