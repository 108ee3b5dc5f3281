"""The PaymentIntent an invoice is paid through: at least Stripe's minimum charge, and
owned by the invoice (`_invoice`), which follows its outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import amounts
from pspsim.stripe.payment_intents.objects import new as new_payment_intent

if TYPE_CHECKING:
    from pspsim.state import Sim


def invoice_payment_intent(
    sim: Sim, sub: Obj, invoice_id: str, total: int, billing_reason: str
) -> Obj:
    pi = new_payment_intent(
        sim,
        amount=max(total, amounts.minimum(sub["currency"])),
        currency_=sub["currency"],
        meta={},
        customer=sub["customer"],
        description="Subscription update"
        if billing_reason != "subscription_create"
        else "Subscription creation",
    )
    pi["_invoice"] = invoice_id
    return pi
