"""A cardholder opening a dispute (a control call): the charge becomes `disputed`, the
amount and Stripe's dispute fee are withdrawn at once (one balance transaction), and
`charge.dispute.created` and `charge.dispute.funds_withdrawn` are sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.disputes.balance import balance_transaction
from pspsim.stripe.disputes.objects import new_dispute
from pspsim.stripe.disputes.terms import REASONS
from pspsim.stripe.errors import invalid

if TYPE_CHECKING:
    from pspsim.state import Sim


def open_dispute(sim: Sim, pi: Obj, params: dict[str, Any]) -> Obj:
    """A cardholder disputing the PaymentIntent's charge (the control call's effect)."""
    charge_id = pi.get("latest_charge")
    charge = sim.store.stripe.get(charge_id) if charge_id else None
    if charge is None or not charge["captured"]:
        raise invalid(f"PaymentIntent {pi['id']} has no captured charge to dispute.")
    if charge["disputed"]:
        raise invalid(f"Charge {charge['id']} is already disputed.", code="charge_disputed")
    left = int(charge["amount_captured"]) - int(charge["amount_refunded"])
    amount = params.get("amount")
    amount = left if amount is None else int(amount)
    if not 0 < amount <= left:
        raise invalid(f"Dispute amount must be between 1 and {left}.", param="amount")
    reason = params.get("reason") or "fraudulent"
    if reason not in REASONS:
        raise invalid(f"Invalid reason: {reason}", param="reason")
    dispute = new_dispute(sim, pi, charge, amount, reason)
    dispute["balance_transactions"].append(balance_transaction(sim, dispute, -1))
    sim.store.stripe[dispute["id"]] = dispute
    charge["disputed"] = True
    events.emit(sim, "charge.dispute.created", dispute)
    events.emit(sim, "charge.dispute.funds_withdrawn", dispute)
    return dispute
