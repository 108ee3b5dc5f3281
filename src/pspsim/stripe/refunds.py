"""Refunds: full or partial, never beyond what was captured, `pending` before final.

A refund counts against the charge as soon as it is created (`charge.refunded` fires
then, as Stripe's does); it settles to `succeeded` (`refund.updated`) or `failed`
(`refund.updated` + `refund.failed`, and the amount returns to the charge) on a timer or
a control call. `PUT /_sim/refund_behaviour` scripts the next refunds, including a create
call that answers `succeeded` while the refund later fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.clock import now
from pspsim.store import Obj
from pspsim.stripe import events, payment_intents
from pspsim.stripe.charges import refundable
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.params import Params, metadata, opt_int, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

REASONS = ("duplicate", "fraudulent", "requested_by_customer")
FINAL = ("succeeded", "failed", "canceled")


def get(sim: Sim, refund_id: str, param: str = "refund") -> Obj:
    refund = sim.store.stripe.get(refund_id)
    if refund is None or refund.get("object") != "refund":
        raise no_such("refund", refund_id, param)
    return refund


def _charge_for(sim: Sim, params: Params) -> Obj:
    pi_id = opt_str(params, "payment_intent")
    charge_id = opt_str(params, "charge")
    if pi_id:
        pi = payment_intents.get(sim, pi_id, "payment_intent")
        if pi["status"] != "succeeded" or not pi["latest_charge"]:
            raise invalid(
                f"This PaymentIntent ({pi_id}) does not have a successful charge to refund.",
                param="payment_intent",
                code="charge_not_refundable",
            )
        charge_id = pi["latest_charge"]
    if not charge_id:
        raise invalid("One of `charge` or `payment_intent` is required.", param="payment_intent")
    charge = sim.store.stripe.get(charge_id)
    if charge is None or charge.get("object") != "charge":
        raise no_such("charge", charge_id, "charge")
    if not charge["captured"]:
        raise invalid(
            f"Charge {charge_id} has not been captured.",
            param="charge",
            code="charge_not_refundable",
        )
    return charge


def _money(amount: int, currency: str) -> str:
    return f"{amount / 100:.2f} {currency}"


def create(sim: Sim, params: Params) -> Obj:
    charge = _charge_for(sim, params)
    left = refundable(charge)
    if left <= 0:
        raise invalid(
            f"Charge {charge['id']} has already been refunded.", code="charge_already_refunded"
        )
    amount = opt_int(params, "amount")
    amount = left if amount is None else amount
    if amount <= 0:
        raise invalid("Refund amount must be positive.", param="amount")
    if amount > left:
        raise invalid(
            f"Refund amount ({_money(amount, charge['currency'])}) is greater than unrefunded "
            f"amount on charge ({_money(left, charge['currency'])})",
            param="amount",
            code="amount_too_large",
        )
    reason = opt_str(params, "reason")
    if reason is not None and reason not in REASONS:
        raise invalid(f"Invalid reason: {reason}", param="reason")
    behaviour = sim.refund_behaviour["stripe"]
    refund: Obj = {
        "id": sim.ids.stripe("re"),
        "object": "refund",
        "amount": amount,
        "balance_transaction": None,
        "charge": charge["id"],
        "created": now(),
        "currency": charge["currency"],
        "destination_details": {
            "card": {"reference_status": "pending", "reference_type": None, "type": "refund"},
            "type": "card",
        },
        "metadata": metadata(params),
        "payment_intent": charge["payment_intent"],
        "pending_reason": None,
        "reason": reason,
        "receipt_number": None,
        "source_transfer_reversal": None,
        "status": behaviour.sync_status or "pending",
        "transfer_reversal": None,
        "_final": behaviour.final_status,
        "_settled": False,
    }
    sim.store.stripe[refund["id"]] = refund
    previous = {"amount_refunded": charge["amount_refunded"], "refunded": charge["refunded"]}
    charge["amount_refunded"] += amount
    charge["refunded"] = charge["amount_refunded"] >= charge["amount_captured"]
    events.emit(sim, "refund.created", refund)
    events.emit(sim, "charge.refunded", charge, previous)
    if behaviour.settle_after_s is not None:
        refund_id = refund["id"]

        async def settle_later() -> None:
            current = sim.store.stripe.get(refund_id)
            if current is not None and not current["_settled"]:
                settle(sim, current, "succeed" if current["_final"] == "succeeded" else "fail")

        sim.timers.after(behaviour.settle_after_s, settle_later)
    return refund


def settle(sim: Sim, refund: Obj, outcome: str) -> Obj:
    """Move a refund to its final status; a second settlement is refused."""
    if refund["_settled"]:
        raise invalid(f"Refund {refund['id']} is already {refund['status']}.")
    refund["_settled"] = True
    previous = {"status": refund["status"]}
    if outcome == "succeed":
        if refund["status"] == "succeeded":
            return refund  # the create call already said so; nothing changes
        refund["status"] = "succeeded"
        refund["balance_transaction"] = sim.ids.stripe("txn")
        refund["destination_details"]["card"]["reference_status"] = "available"
        events.emit(sim, "refund.updated", refund, previous)
        return refund
    refund["status"] = "failed"
    refund["failure_reason"] = "expired_or_canceled_card"
    refund["destination_details"]["card"]["reference_status"] = "unavailable"
    charge = sim.store.stripe[refund["charge"]]
    charge["amount_refunded"] -= refund["amount"]
    charge["refunded"] = False
    events.emit(sim, "refund.updated", refund, previous)
    events.emit(sim, "refund.failed", refund)
    return refund
