"""Merchant events and webhook endpoints (CONTRACT section 10)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas.common.bases import Output, StrictInput


class EventOut(Output):
    id: str
    type: str
    created_at: datetime
    sequence: int = Field(description="strictly increasing across all events: the feed's order")
    object_id: str
    object_sequence: int = Field(description="increases per object: drop a stale update")
    data: dict[str, Any] = Field(description='{"object": the object as GET answered it}')


class EventFeed(BaseModel):
    data: list[EventOut]
    has_more: bool
    next_after: int = Field(description="pass as `after` for the next page")


class WebhookEndpointCreate(StrictInput):
    url: str = Field(min_length=8, max_length=2000)
    event_types: list[str] = Field(min_length=1, max_length=100)
    description: str | None = Field(default=None, max_length=500)


class WebhookEndpointUpdate(StrictInput):
    url: str | None = Field(default=None, min_length=8, max_length=2000)
    event_types: list[str] | None = Field(default=None, min_length=1, max_length=100)
    description: str | None = Field(default=None, max_length=500)
    status: Literal["enabled", "disabled"] | None = None


class WebhookEndpointOut(Output):
    id: str
    url: str
    event_types: list[str]
    description: str | None
    status: str
    created_at: datetime
    updated_at: datetime


class WebhookEndpointWithSecret(WebhookEndpointOut):
    secret: str = Field(description="whsec_ + base64: shown only in this answer")
    previous_secret_expires_at: datetime | None = None


class DeliveryAttemptOut(BaseModel):
    delivery_id: str
    event_id: str
    endpoint_id: str
    attempt: int
    status: str = Field(description="succeeded | failed | pending")
    response_status: int | None
    error: str | None
    duration_ms: int | None
    attempted_at: datetime | None
    next_attempt_at: datetime | None


class DeliveryList(BaseModel):
    data: list[DeliveryAttemptOut]


class RedeliverIn(StrictInput):
    endpoint_id: str | None = Field(default=None, min_length=1, max_length=40)


class RedeliveryOut(BaseModel):
    event_id: str
    deliveries: list[DeliveryAttemptOut]
