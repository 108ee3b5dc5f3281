"""`POST /v1/payment_intents/{id}/confirm`: refused for an intent a Checkout Session owns
(its payer confirms it on the hosted page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.confirmation.confirming import confirm_with
from pspsim.stripe.errors import unexpected_state
from pspsim.stripe.params import Params, opt_str
from pspsim.stripe.payment_intents.lookup import get

if TYPE_CHECKING:
    from pspsim.state import Sim


def confirm(sim: Sim, pi_id: str, params: Params) -> Obj:
    pi = get(sim, pi_id)
    if pi.get("_checkout_session"):
        raise unexpected_state(
            "You cannot confirm a PaymentIntent that a Checkout Session created."
        )
    if "return_url" in params:
        pi["_return_url"] = opt_str(params, "return_url")
    pm = opt_str(params, "payment_method") or pi["payment_method"]
    return confirm_with(sim, pi, pm, raise_on_decline=True)
