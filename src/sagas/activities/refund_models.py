"""The typed inputs and results of the refund saga's activities (one in, one out each)."""

from __future__ import annotations

from pydantic import BaseModel

from sagas.domain.refunds import PspRefund


class RefundRef(BaseModel):
    refund_id: str


class RefundPlan(BaseModel):
    """What the saga needs to know about its refund row, read once at start."""

    refund_id: str
    order_id: str
    customer_id: str
    origin: str
    gateway: str
    gateway_payment_id: str
    amount_minor: int
    currency: str
    status: str  # pending | succeeded | failed (a restarted saga may find it final)
    gateway_refund_id: str | None
    fulfilment_revoked: bool
    poll_interval_s: int
    deadline_s: int


class PspRead(BaseModel):
    refund_id: str
    gateway: str
    gateway_refund_id: str


class FailInput(BaseModel):
    refund_id: str
    reason: str


class Settled(BaseModel):
    """Our records after a final PSP word (idempotent: a repeat reports the same)."""

    refund_id: str
    status: str
    order_status: str
    order_refunded_minor: int


class Revoked(BaseModel):
    refund_id: str
    revoked: bool  # False when the refund did not succeed (nothing to reverse)


__all__ = ["FailInput", "PspRead", "PspRefund", "RefundPlan", "RefundRef", "Revoked", "Settled"]
