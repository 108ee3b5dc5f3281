"""Checkout request/response bodies (CONTRACT 3 and 4.2).

Inputs are strict: unknown fields, a float quantity, an unknown gateway or flow are 422.
What needs the catalogue (unknown product, custom data, mixed currencies, the discount)
is checked by :mod:`sagas.services.checkouts.create`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.schemas.common.bases import Output, StrictInput
from sagas.gateways.traits import traits_of

ShortText = Annotated[str, Field(min_length=1, max_length=128)]
MetadataKey = Annotated[str, Field(min_length=1, max_length=40)]  # Stripe's key limit
Metadata = Annotated[dict[MetadataKey, Annotated[str, Field(max_length=500)]], Field(max_length=20)]
RESERVED_METADATA = frozenset({"checkout_id", "order_id"})
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
    metadata: Annotated[
        dict[MetadataKey, Annotated[str, Field(max_length=500)]], Field(max_length=20)
    ] = Field(default_factory=dict, description="copied to the PSP object's metadata/notes")
    capture: Literal["automatic", "manual"] = Field(
        default="automatic",
        description="manual: authorize now; capture or void later through the order",
    )

    @model_validator(mode="after")
    def _metadata_fits_the_psp(self) -> CheckoutCreate:
        """The product's own keys cannot be overridden, and what is copied must fit the
        PSP object beside them (its traits' ``metadata_limits``, e.g. Razorpay notes)."""
        reserved = sorted(RESERVED_METADATA & set(self.metadata))
        if reserved:
            raise ValueError(f"metadata keys {reserved} are the product's own")
        limits = traits_of(self.gateway).metadata_limits
        refusal = limits.refusal(self.metadata, ours=len(RESERVED_METADATA)) if limits else None
        if refusal:
            raise ValueError(refusal)
        return self


class AmountsOut(Output):
    subtotal: int
    discount: int
    total: int
    currency: str


class NextActionOut(Output):
    type: str  # redirect_to_url
    url: str


class GatewayOut(Output):
    """The gateway object and what the payer needs to pay it."""

    name: str
    flow: str
    object_id: str | None = None
    client_secret: str | None = None  # Stripe PaymentIntent
    url: str | None = None  # Stripe Checkout Session / Payment Link
    razorpay_order_id: str | None = None
    key_id: str | None = None  # Razorpay Checkout needs the public key id
    next_action: NextActionOut | None = None  # the payer must act at the PSP (3-D Secure)


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


class RazorpayVerifyIn(BaseModel):
    """What Razorpay Checkout hands the browser; the keys it adds beside these three (and
    may add tomorrow) are ignored, not refused (CONTRACT 11.5). The signature's shape is
    checked by the route, which answers 400 for one that is not 64 hex characters."""

    model_config = ConfigDict(extra="ignore")
    razorpay_order_id: Annotated[str, Field(min_length=1, max_length=64)]
    razorpay_payment_id: Annotated[str, Field(min_length=1, max_length=64)]
    razorpay_signature: Annotated[str, Field(min_length=1, max_length=256)]


class RazorpayVerifyOut(Output):
    checkout_id: str
    outcome: str  # paid | pending
    status: str
