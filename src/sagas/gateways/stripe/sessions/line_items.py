"""The single line item a Session charges: the order's net total."""

from __future__ import annotations

from typing import Any

from sagas.gateways.stripe import units


def _net_line(order_id: str, amount: int, currency: str) -> dict[str, Any]:
    return {
        "quantity": 1,
        "price_data": {
            "currency": currency.lower(),
            "unit_amount": units.to_stripe(amount, currency),
            "product_data": {"name": f"Order {order_id}"},
        },
    }
