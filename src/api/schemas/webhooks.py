"""The webhook audit log as the admin API shows it, and the replay answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from api.schemas.common.bases import Output


class WebhookDeliveryOut(Output):
    id: str
    gateway: str
    received_at: datetime
    finished_at: datetime | None = None
    duration_ms: int | None = None
    source_ip: str | None = None
    request_id: str
    headers: dict[str, Any] = Field(default_factory=dict)
    payload_bytes: int
    payload: str | None = Field(
        default=None, description="the raw body; in lists only with include_payload=true"
    )
    signature_valid: bool | None = None
    event_id: str | None = None
    event_type: str | None = None
    result: str = Field(
        description="received | handed_over | duplicate | no_op | invalid_signature | "
        "malformed | too_large | failed"
    )
    http_status: int | None = None
    detail: str | None = None
    workflow_id: str | None = None
    replay_of: str | None = None


class ReplayOut(Output):
    replayed: str = Field(description="the delivery that was replayed")
    delivery: WebhookDeliveryOut = Field(description="the replay's own audit record")
