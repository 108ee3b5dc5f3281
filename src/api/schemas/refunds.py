"""Refund request and response bodies (CONTRACT section 4.3)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.schemas.common.bases import Output, StrictInput
from api.schemas.common.money import CurrencyCode, PositiveMinorUnits


class RefundCreate(StrictInput):
    """``amount`` defaults to all that is still refundable; ``currency``, when given, must
    be the order's (a guard against refunding in the wrong unit)."""

    amount: PositiveMinorUnits | None = None
    currency: CurrencyCode | None = None
    reason: str | None = Field(default=None, min_length=1, max_length=500)


class RefundOut(Output):
    id: str
    order_id: str
    status: str = Field(description="pending | succeeded | failed")
    amount: int = Field(description="integer minor units")
    currency: str
    gateway: str
    gateway_refund_id: str | None
    origin: str
    reason: str | None
    failure_reason: str | None
    workflow_id: str
    created_at: datetime
    settled_at: datetime | None
