"""The checkout workflow's input, result, and the payloads of its updates."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class CheckoutInput(BaseModel):
    checkout_id: str
    order_id: str
    customer_id: str
    gateway: str  # stripe | razorpay
    flow: str  # payment_intent | checkout_session | payment_link | order
    amount_minor: int  # the server-computed net total
    currency: str
    created_at: datetime
    expires_at: datetime
    poll_interval_s: int = 60


class CheckoutResult(BaseModel):
    checkout_id: str
    stage: str
    payment_id: str | None = None
    reason: str | None = None


class GatewayObjectRequest(BaseModel):
    """Input of the ``wait_gateway_object`` update (nothing to say yet; room to grow)."""


class GatewayObjectResult(BaseModel):
    ok: bool
    stage: str
    kind: str | None = None
    gateway_object_id: str | None = None
    payer_details: dict[str, str] = Field(default_factory=dict)
    error: str | None = None


class VerifyRequest(BaseModel):
    """A Razorpay Checkout callback whose order id and signature the API already checked."""

    razorpay_order_id: str
    razorpay_payment_id: str


class VerifyResult(BaseModel):
    outcome: str  # paid | rejected | pending | closed
    stage: str
    reason: str | None = None
    detail: str | None = None


class CancelRequest(BaseModel):
    reason: str = "cancelled by the merchant"


class CancelResult(BaseModel):
    accepted: bool
    stage: str
    message: str
