"""Inputs and results of the checkout activities: one typed model in, one out."""

from __future__ import annotations

from pydantic import BaseModel, Field

from sagas.domain.captures import CaptureOutcome
from sagas.domain.gateway_objects import GatewayObject as GatewayObject  # lives in the domain
from sagas.domain.settlement import PaymentSnapshot


class CheckoutRef(BaseModel):
    checkout_id: str


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


class NextActionInput(BaseModel):
    checkout_id: str
    url: str  # the PSP's own page where the payer completes 3-D Secure


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


class AuthCaptureInput(BaseModel):
    """The merchant's capture of a held authorization (all of it, or ``amount_minor``)."""

    gateway: str
    payment_id: str
    amount_minor: int
    authorized_minor: int
    currency: str
    capture_id: str  # the order id: one capture per authorization, the PSP key


class VoidInput(BaseModel):
    gateway: str
    payment_id: str
    void_id: str


class RecordCaptureInput(BaseModel):
    checkout_id: str
    outcome: CaptureOutcome


class RecordVoidInput(BaseModel):
    checkout_id: str
    reason: str
