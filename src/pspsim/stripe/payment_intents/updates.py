"""`POST /v1/payment_intents/{id}`: metadata and the few fields a merchant may change;
amount and payment method only before the intent is paid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import amounts
from pspsim.stripe.confirmation.confirming import CONFIRMABLE
from pspsim.stripe.errors import unexpected_state
from pspsim.stripe.params import Params, metadata, opt_int, opt_str
from pspsim.stripe.payment_intents.lookup import get

if TYPE_CHECKING:
    from pspsim.state import Sim


def update(sim: Sim, pi_id: str, params: Params) -> Obj:
    """Update metadata and the few fields a merchant may change before payment."""
    pi = get(sim, pi_id)
    if "metadata" in params:
        pi["metadata"] = metadata(params, pi["metadata"])
    for name in ("description", "receipt_email"):
        if name in params:
            pi[name] = opt_str(params, name)
    if "amount" in params or "payment_method" in params:
        if pi["status"] not in CONFIRMABLE:
            raise unexpected_state(
                f"This PaymentIntent's amount could not be updated because it has a status of "
                f"{pi['status']}."
            )
        amount = opt_int(params, "amount")
        if amount is not None:
            amounts.check_charge(amount, pi["currency"])
            pi["amount"] = amount
        if opt_str(params, "payment_method"):
            pi["payment_method"] = opt_str(params, "payment_method")
            pi["status"] = "requires_confirmation"
    return pi
