"""Checkout request/response bodies (CONTRACT 3 and 4.2).

Inputs are strict: unknown fields, a float quantity, an unknown gateway or flow are 422.
What needs the catalogue (unknown product, custom data, mixed currencies, the discount)
is checked by :mod:`sagas.services.checkouts`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from api.schemas.common import Output, StrictInput

ShortText = Annotated[str, Field(min_length=1, max_length=128)]
Email = Annotated[str, Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")]


class CheckoutItemIn(StrictInput):
    product_id: Annotated[str, Field(min_length=1, max_length=40)]
    quantity: Annotated[int, Field(strict=True, ge=1, le=10_000)]
    custom_data: dict[str, Any] = Field(default_factory=dict)


class CheckoutCreate(StrictInput):
    customer_id: ShortText
    customer_email: Email
    items: Annotated[list[CheckoutItemIn], Field(min_length=1, max_length=100)]
    discount_code: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    gateway: Literal["stripe", "razorpay"]
    flow: Literal["payment_intent", "checkout_session", "payment_link", "order"]
    expires_in_s: Annotated[int | None, Field(strict=True, ge=1, le=30 * 24 * 3600)] = None
    success_url: Annotated[str | None, Field(max_length=2000, pattern=r"^https?://")] = None
    metadata: Annotated[dict[str, Annotated[str, Field(max_length=500)]], Field(max_length=20)] = (
        Field(default_factory=dict)
    )


class AmountsOut(Output):
    subtotal: int
    discount: int
    total: int
    currency: str


class GatewayOut(Output):
    """The gateway object and what the payer needs to pay it."""

    name: str
    flow: str
    object_id: str | None = None
    client_secret: str | None = None  # Stripe PaymentIntent
    url: str | None = None  # Stripe Checkout Session / Payment Link
    razorpay_order_id: str | None = None
    key_id: str | None = None  # Razorpay Checkout needs the public key id


class CheckoutOut(Output):
    id: str
    order_id: str
    status: str
    status_reason: str | None = None
    amounts: AmountsOut
    gateway: GatewayOut
    expires_at: datetime
    client_token: str | None = Field(
        default=None,
        description="returned once, on the 201 that created the checkout; only its hash is kept",
    )
    workflow_id: str
    created_at: datetime


class CancelIn(StrictInput):
    reason: Annotated[str, Field(min_length=1, max_length=500)] = "cancelled by the merchant"


class RazorpayVerifyIn(StrictInput):
    razorpay_order_id: Annotated[str, Field(min_length=1, max_length=64)]
    razorpay_payment_id: Annotated[str, Field(min_length=1, max_length=64)]
    razorpay_signature: Annotated[str, Field(min_length=1, max_length=256)]


class RazorpayVerifyOut(Output):
    checkout_id: str
    outcome: str  # paid | pending
    status: str
