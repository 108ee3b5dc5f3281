"""What a new checkout asks for: a customer, a cart and a gateway flow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Item:
    product_id: str
    quantity: int
    custom_data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NewCheckout:
    customer_id: str
    customer_email: str
    items: list[Item]
    gateway: str
    flow: str
    discount_code: str | None = None
    expires_in_s: int | None = None
    success_url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    capture: str = "automatic"  # automatic | manual (CONTRACT 11.2)
