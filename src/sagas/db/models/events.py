"""The merchant event outbox and its outbound webhook deliveries (CONTRACT section 10).

``events`` is append-only: one row per change a merchant acts on, written in the same
transaction as that change (see :mod:`sagas.events.outbox`). ``sequence`` comes from the
``event_counters`` row, incremented in that transaction too: its row lock is held until
commit, so sequences become visible in commit order and a reader paging with ``after``
never skips one.

``merchant_webhook_endpoints`` are the merchant's receivers; a delivery row per (event,
endpoint) is created with the event (the endpoints as they stood when it was written) and
carries the retry state; ``merchant_delivery_attempts`` records every attempt.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class EventCounter(Base):
    """A named counter; the ``events`` row hands out the global event sequence."""

    __tablename__ = "event_counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger, unique=True)
    type: Mapped[str] = mapped_column(String(64), index=True)
    object_id: Mapped[str] = mapped_column(String(64), index=True)
    object_sequence: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("object_id", "object_sequence"),)


class WebhookEndpoint(Base):
    """A merchant receiver. ``status``: enabled | disabled | deleted (kept for its records).

    ``previous_secret`` keeps signing beside ``secret`` until ``previous_expires_at``."""

    __tablename__ = "merchant_webhook_endpoints"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(500))
    event_types: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    secret: Mapped[str] = mapped_column(String(200))
    previous_secret: Mapped[str | None] = mapped_column(String(200))
    previous_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class EventDelivery(Base):
    """One event to one endpoint: ``pending`` (due at ``next_attempt_at``) → ``succeeded``
    or ``failed`` (the retry window is over). ``lease_until`` marks a claimed delivery so
    two dispatchers never send it at once."""

    __tablename__ = "merchant_deliveries"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    endpoint_id: Mapped[str] = mapped_column(
        ForeignKey("merchant_webhook_endpoints.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    lease_until: Mapped[datetime | None]
    # The retry window runs from here (creation, or the last manual redelivery).
    window_started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_response_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    succeeded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("event_id", "endpoint_id"),)


class DeliveryAttempt(Base):
    """One HTTP attempt, as it ended (append-only)."""

    __tablename__ = "merchant_delivery_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(ForeignKey("merchant_deliveries.id"), index=True)
    event_id: Mapped[str] = mapped_column(String(40), index=True)
    endpoint_id: Mapped[str] = mapped_column(String(40), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # succeeded | failed
    response_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime | None]
