"""Razorpay refunds: `pending` -> `processed` | `failed`, never beyond what was captured.

`X-Refund-Idempotency` (10+ characters of `[A-Za-z0-9_-]`): the same key and body
answer the same refund; the same key with another body is a 400. Auto-refunds of
uncaptured payments fire refund events whose payment has `captured: false`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.razorpay import events
from pspsim.razorpay.api import notes, req_int
from pspsim.razorpay.errors import bad_request, not_found
from pspsim.razorpay.payments import get as get_payment
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{10,}$")


def get(sim: Sim, refund_id: str) -> Obj:
    refund = sim.store.razorpay.get(refund_id)
    if refund is None or refund.get("entity") != "refund":
        raise not_found()
    return refund


def _new(sim: Sim, payment: Obj, amount: int, params: dict[str, Any], status: str) -> Obj:
    refund: Obj = {
        "id": sim.ids.razorpay("rfnd"),
        "entity": "refund",
        "amount": amount,
        "currency": payment["currency"],
        "payment_id": payment["id"],
        "notes": notes(params.get("notes")),
        "receipt": params.get("receipt"),
        "acquirer_data": {"arn": None},
        "created_at": now(),
        "batch_id": None,
        "status": status,
        "speed_processed": "normal",
        "speed_requested": params.get("speed") or "normal",
        "_settled": False,
    }
    sim.store.razorpay[refund["id"]] = refund
    payment["amount_refunded"] += amount
    full = payment["amount_refunded"] >= payment["amount"]
    payment["refund_status"] = "full" if full else "partial"
    if full:
        payment["status"] = "refunded"
    return refund


def create(sim: Sim, payment_id: str, params: dict[str, Any], key: str | None) -> Obj:
    if key is not None:
        if not KEY_PATTERN.match(key):
            raise bad_request("The idempotency key is invalid.", "X-Refund-Idempotency")
        fingerprint = json.dumps([payment_id, params], sort_keys=True)
        seen = sim.store.razorpay.get(f"_refund_key:{key}")
        if seen is not None:
            if seen["fingerprint"] != fingerprint:
                raise bad_request(
                    "Different request with the same idempotency key has already been processed."
                )
            return get(sim, seen["refund_id"])
    payment = get_payment(sim, payment_id)
    if payment["status"] not in ("captured", "refunded") or not payment["captured"]:
        raise bad_request("The payment has not been captured yet, so it cannot be refunded.")
    left = payment["amount"] - payment["amount_refunded"]
    if left <= 0:
        raise bad_request("The payment has been fully refunded already.")
    amount = left if params.get("amount") in (None, "") else req_int(params, "amount")
    if amount <= 0:
        raise bad_request("The amount must be atleast INR 1.00.", "amount")
    if amount > left:
        raise bad_request("The refund amount provided is greater than amount captured.", "amount")
    behaviour = sim.refund_behaviour["razorpay"]
    status = _status(behaviour.sync_status) or "pending"
    refund = _new(sim, payment, amount, params, status)
    refund["_final"] = _status(behaviour.final_status) or "processed"
    if key is not None:
        sim.store.razorpay[f"_refund_key:{key}"] = {
            "fingerprint": json.dumps([payment_id, params], sort_keys=True),
            "refund_id": refund["id"],
        }
    events.emit(sim, "refund.created", {"refund": refund, "payment": payment})
    if behaviour.settle_after_s is not None:
        refund_id = refund["id"]

        async def settle_later() -> None:
            current = sim.store.razorpay.get(refund_id)
            if current is not None and not current["_settled"]:
                settle(sim, current, "succeed" if current["_final"] == "processed" else "fail")

        sim.timers.after(behaviour.settle_after_s, settle_later)
    return refund


def _status(value: str | None) -> str | None:
    """Accept Stripe's word for success too, so one control payload fits both PSPs."""
    return {"succeeded": "processed"}.get(value or "", value)


def settle(sim: Sim, refund: Obj, outcome: str) -> Obj:
    if refund["_settled"]:
        raise bad_request(f"Refund {refund['id']} is already {refund['status']}.")
    refund["_settled"] = True
    payment = get_payment(sim, refund["payment_id"])
    if outcome == "succeed":
        refund["status"] = "processed"
        refund["acquirer_data"] = {"arn": sim.ids.token(14).upper()}
        events.emit(sim, "refund.processed", {"refund": refund, "payment": payment})
        return refund
    refund["status"] = "failed"
    payment["amount_refunded"] -= refund["amount"]
    payment["refund_status"] = "partial" if payment["amount_refunded"] else None
    if payment["status"] == "refunded":
        payment["status"] = "captured"
    events.emit(sim, "refund.failed", {"refund": refund, "payment": payment})
    return refund


def auto_refund(sim: Sim, payment: Obj) -> Obj:
    """Refund an authorized payment nobody captured, as Razorpay does after its window."""
    refund = _new(sim, payment, payment["amount"], {}, "processed")
    refund["_settled"] = True
    events.emit(sim, "refund.created", {"refund": refund, "payment": payment})
    events.emit(sim, "refund.processed", {"refund": refund, "payment": payment})
    return refund


def of_payment(sim: Sim, payment_id: str) -> list[Obj]:
    get_payment(sim, payment_id)
    return [
        r
        for r in sim.store.razorpay.values()
        if r.get("entity") == "refund" and r.get("payment_id") == payment_id
    ]
