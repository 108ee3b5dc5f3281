"""Order read models: gross, discount and net kept apart, with lines, payments, refunds."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from api.schemas.common.bases import Output, StrictInput


class OrderItemOut(Output):
    product_id: str
    product_name: str
    category: str
    unit_price: int
    quantity: int
    line_total: int
    custom_data: dict[str, Any]


class PaymentOut(Output):
    id: str
    gateway: str
    gateway_payment_id: str
    gateway_object_id: str
    amount: int
    currency: str
    status: str
    refunded: int
    created_at: datetime


class RefundOut(Output):
    id: str
    amount: int
    currency: str
    status: str
    origin: str
    reason: str | None
    created_at: datetime


class OrderOut(Output):
    id: str
    checkout_id: str
    customer_id: str
    customer_email: str
    status: str
    status_reason: str | None
    gateway: str
    currency: str
    gross: int
    discount: int
    net: int
    captured: int
    authorized: int = 0  # held by a manual-capture authorization, not yet captured
    refunded: int
    discount_code: str | None
    paid_at: datetime | None
    fulfilled_at: datetime | None
    created_at: datetime
    items: list[OrderItemOut]
    payments: list[PaymentOut]
    refunds: list[RefundOut]


class CaptureIn(StrictInput):
    """Body of ``POST /v1/orders/{id}/capture``: ``amount`` defaults to all authorized."""

    amount: Annotated[int | None, Field(strict=True, ge=1)] = None


class HoldActionOut(Output):
    """202 answer of a capture or void: the saga carries it out."""

    order_id: str
    action: str  # capture | void
    status: str  # the order's status when the request was accepted
    amount: int | None = None
