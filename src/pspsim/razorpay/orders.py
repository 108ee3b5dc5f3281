"""Razorpay Orders: `created` -> `attempted` (a payment was tried) -> `paid` (one was
captured; stays `paid` after refunds). `receipt` is unique per account, at most 40
characters; `GET /v1/orders?receipt=` finds the order a lost answer created.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.razorpay.api import collection, notes, req_int
from pspsim.razorpay.errors import bad_request, not_found
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

MIN_AMOUNT = 100
RECEIPT_MAX = 40


def get(sim: Sim, order_id: str) -> Obj:
    order = sim.store.razorpay.get(order_id)
    if order is None or order.get("entity") != "order":
        raise not_found()
    return order


def create(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    amount = req_int(params, "amount")
    if amount < MIN_AMOUNT:
        raise bad_request("The amount must be atleast INR 1.00.", "amount")
    currency = params.get("currency")
    if not currency or not isinstance(currency, str) or len(currency) != 3:
        raise bad_request("The currency field is required.", "currency")
    receipt = params.get("receipt")
    if receipt is not None:
        receipt = str(receipt)
        if len(receipt) > RECEIPT_MAX:
            raise bad_request("The receipt may not be greater than 40 characters.", "receipt")
        if any(o.get("receipt") == receipt for o in _orders(sim)):
            raise bad_request("Receipt already exists for another order", "receipt")
    order: Obj = {
        "id": sim.ids.razorpay("order"),
        "entity": "order",
        "amount": amount,
        "amount_paid": 0,
        "amount_due": amount,
        "currency": currency.upper(),
        "receipt": receipt,
        "offer_id": None,
        "status": "created",
        "attempts": 0,
        "notes": notes(params.get("notes")),
        "created_at": now(),
        "_partial_payment": bool(params.get("partial_payment")),
    }
    sim.store.razorpay[order["id"]] = order
    return order


def _orders(sim: Sim) -> list[Obj]:
    return [o for o in sim.store.razorpay.values() if o.get("entity") == "order"]


def list_orders(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    orders = sorted(_orders(sim), key=lambda o: o["created_at"], reverse=True)
    if params.get("receipt"):
        orders = [o for o in orders if o["receipt"] == params["receipt"]]
    count = min(int(params.get("count") or 10), 100)
    skip = int(params.get("skip") or 0)
    return collection(orders[skip : skip + count])


def payments_of(sim: Sim, order_id: str) -> Obj:
    get(sim, order_id)
    payments = [
        p
        for p in sim.store.razorpay.values()
        if p.get("entity") == "payment" and p.get("order_id") == order_id
    ]
    return collection(payments)
