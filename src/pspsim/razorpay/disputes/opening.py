"""A chargeback raised by the payer's bank (a control call): `open`, with
`amount_deducted` 0 until the dispute is lost (Razorpay's dispute entity)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.disputes.objects import dispute_entity
from pspsim.razorpay.disputes.terms import OPEN
from pspsim.razorpay.disputes.webhooks import notify
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.payments.lookup import get_payment
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def open_dispute(sim: Sim, payment_id: str, data: dict[str, Any]) -> Obj:
    """A chargeback raised by the payer's bank (the control call's effect)."""
    payment = get_payment(sim, payment_id)
    if payment["status"] not in ("captured", "refunded") or not payment["captured"]:
        raise bad_request("Only a captured payment can be disputed.")
    if any(
        o.get("entity") == "dispute" and o["payment_id"] == payment_id and o["status"] in OPEN
        for o in sim.store.razorpay.values()
    ):
        raise bad_request("The payment already has an open dispute.")
    left = payment["amount"] - payment["amount_refunded"]
    amount = data.get("amount")
    amount = left if amount is None else amount
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= left:
        raise bad_request(f"The dispute amount must be an integer from 1 to {left}.", "amount")
    dispute = dispute_entity(sim, payment, amount, data)
    sim.store.razorpay[dispute["id"]] = dispute
    notify(sim, "created", dispute)
    return dispute
