"""An invoice line for one subscription item, as Stripe renders it: a plain constructor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def line_item(sim: Sim, invoice_id: str, sub: Obj, item: Obj) -> Obj:
    price = item["price"]
    amount = int(price["unit_amount"]) * int(item["quantity"])
    return {
        "id": sim.ids.stripe("il"),
        "object": "line_item",
        "amount": amount,
        "currency": price["currency"],
        "description": f"{item['quantity']} x subscription",
        "discount_amounts": [],
        "discountable": True,
        "discounts": [],
        "invoice": invoice_id,
        "livemode": False,
        "metadata": {},
        "parent": {
            "invoice_item_details": None,
            "subscription_item_details": {
                "invoice_item": None,
                "proration": False,
                "proration_details": {"credited_items": None},
                "subscription": sub["id"],
                "subscription_item": item["id"],
            },
            "type": "subscription_item_details",
        },
        "period": {"start": item["current_period_start"], "end": item["current_period_end"]},
        "pretax_credit_amounts": [],
        "pricing": {
            "price_details": {"price": price["id"], "product": price["product"]},
            "type": "price_details",
            "unit_amount_decimal": str(price["unit_amount"]),
        },
        "quantity": item["quantity"],
        "subtotal": amount,
        "taxes": [],
    }
