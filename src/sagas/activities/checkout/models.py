"""Inputs and results of the checkout activities: one typed model in, one out."""

from __future__ import annotations

from pydantic import BaseModel, Field

from sagas.domain.settlement import PaymentSnapshot


class CheckoutRef(BaseModel):
    checkout_id: str


class GatewayObject(BaseModel):
    kind: str  # payment_intent | checkout_session | payment_link | razorpay_order
    object_id: str
    payer_details: dict[str, str] = Field(default_factory=dict)


class ReadInput(BaseModel):
    checkout_id: str
    gateway: str
    flow: str
    gateway_object_id: str
    created_unix: int  # lower bound for the Payment Link event scan
    hints: list[str] = Field(default_factory=list)  # pi_/cs_/pay_ ids named by events


class ReadResult(BaseModel):
    payments: list[PaymentSnapshot] = Field(default_factory=list)


class CaptureInput(BaseModel):
    gateway: str
    payment_id: str
    amount_minor: int
    currency: str


class SettleInput(BaseModel):
    checkout_id: str
    payment: PaymentSnapshot


class StageInput(BaseModel):
    checkout_id: str
    status: str | None  # None: keep the status, only record the reason
    reason: str | None = None


class CompensateInput(BaseModel):
    checkout_id: str
    gateway: str
    flow: str
    gateway_object_id: str


class CompensateResult(BaseModel):
    object_status: str  # canceled / expired / inactive / not_cancellable / succeeded …


class CloseInput(BaseModel):
    checkout_id: str
    status: str  # expired | cancelled | failed
    reason: str


class CloseResult(BaseModel):
    discount_released: bool
