"""The webhook audit log and the processed-event table.

``webhook_deliveries`` is append-only in spirit: one row per HTTP delivery (and per admin
replay), written *before* anything else happens in its own short transaction, then updated
once with the outcome. A crash, a bad signature or an outage later still leaves the row,
which is what lets an operator account for every delivery a PSP made.

``webhook_events`` is the dedupe record: unique ``(gateway, event_id)``. Its ``status``
says whether the event was handed to its flow (``handed_over``), settled as a recorded
no-op (``no_op``), or is still ``pending`` because the last hand-off failed; a pending
event is tried again on the PSP's next retry (or an admin replay, or the reconciliation
sweep). ``claimed_by``/``claimed_until`` is the hand-off lease: the delivery that claimed
a pending event holds it while it signals Temporal *outside* any transaction, and copies
arriving in the meantime are answered as duplicates; the settle clears it, and a lease
left behind by a crashed process simply expires.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class DeliveryResult:
    """Values of ``webhook_deliveries.result`` (plain strings, so the column stays open)."""

    RECEIVED = "received"  # written first; stays only if the process died mid-delivery
    HANDED_OVER = "handed_over"  # signal accepted by Temporal / review workflow started
    DUPLICATE = "duplicate"  # event already handed over or settled: 200, nothing done
    NO_OP = "no_op"  # verified, recorded, deliberately not routed (reason in detail)
    INVALID_SIGNATURE = "invalid_signature"
    MALFORMED = "malformed"  # not JSON, no event id: 400
    TOO_LARGE = "too_large"
    FAILED = "failed"  # could not hand over (Temporal / database): 5xx, the PSP retries

    ALL = (RECEIVED, HANDED_OVER, DUPLICATE, NO_OP, INVALID_SIGNATURE, MALFORMED, TOO_LARGE, FAILED)


class EventStatus:
    PENDING = "pending"
    HANDED_OVER = "handed_over"
    NO_OP = "no_op"

    SETTLED = (HANDED_OVER, NO_OP)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    gateway: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    source_ip: Mapped[str | None] = mapped_column(String(64))
    request_id: Mapped[str] = mapped_column(String(255))
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The raw body as text (undecodable bytes replaced); None when it was over the cap.
    payload: Mapped[str | None] = mapped_column(Text)
    payload_bytes: Mapped[int] = mapped_column(Integer, default=0)
    signature_valid: Mapped[bool | None] = mapped_column(Boolean)
    event_id: Mapped[str | None] = mapped_column(String(255))
    event_type: Mapped[str | None] = mapped_column(String(128))
    result: Mapped[str] = mapped_column(String(24), default=DeliveryResult.RECEIVED)
    http_status: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(String(2000))
    workflow_id: Mapped[str | None] = mapped_column(String(255))
    replay_of: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (
        Index("ix_webhook_deliveries_received_at", "received_at"),
        Index("ix_webhook_deliveries_gateway_event_id", "gateway", "event_id"),
        Index("ix_webhook_deliveries_result", "result"),
    )


class WebhookEvent(Base):
    __tablename__ = "webhook_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gateway: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(255))
    event_type: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default=EventStatus.PENDING)
    workflow_id: Mapped[str | None] = mapped_column(String(255))
    detail: Mapped[str | None] = mapped_column(String(2000))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    first_delivery_id: Mapped[str] = mapped_column(String(40))
    claimed_by: Mapped[str | None] = mapped_column(String(40))  # the delivery holding it
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("gateway", "event_id"),
        Index("ix_webhook_events_status_updated_at", "status", "updated_at"),
    )
