"""`POST /v1/orders`: `created`, then `attempted` and `paid` (stays `paid` after refunds);
`receipt` is unique per account, at most 40 characters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay import amounts
from pspsim.razorpay.api.fields import notes, req_int
from pspsim.razorpay.errors import bad_request
from pspsim.razorpay.orders.lookup import all_orders
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


RECEIPT_MAX = 40


def create(sim: Sim, params: dict[str, Any], _request: object = None) -> Obj:
    amount = req_int(params, "amount")
    currency = params.get("currency")
    if not currency or not isinstance(currency, str) or len(currency) != 3:
        raise bad_request("The currency field is required.", "currency")
    amounts.check_charge(amount, currency)
    receipt = params.get("receipt")
    if receipt is not None:
        receipt = str(receipt)
        if len(receipt) > RECEIPT_MAX:
            raise bad_request("The receipt may not be greater than 40 characters.", "receipt")
        if any(o.get("receipt") == receipt for o in all_orders(sim)):
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
        "created_at": sim.clock.now(),
        "_partial_payment": bool(params.get("partial_payment")),
    }
    sim.store.razorpay[order["id"]] = order
    return order
