"""A checkout: the priced cart, the request's idempotency key and the gateway object."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class Checkout(Base):
    __tablename__ = "checkouts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(255))
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[str] = mapped_column(String(40), index=True)
    customer_id: Mapped[str] = mapped_column(String(128), index=True)
    customer_email: Mapped[str] = mapped_column(String(320))
    gateway: Mapped[str] = mapped_column(String(16))
    flow: Mapped[str] = mapped_column(String(32))
    # automatic: the PSP captures at once; manual: the order is `authorized` and the
    # merchant captures (or voids) it later (CONTRACT 11.2).
    capture_method: Mapped[str] = mapped_column(
        String(16), default="automatic", server_default="automatic"
    )
    status: Mapped[str] = mapped_column(String(32), index=True)
    status_reason: Mapped[str | None] = mapped_column(String(500))
    currency: Mapped[str] = mapped_column(String(3))
    subtotal_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)
    discount_code_id: Mapped[str | None] = mapped_column(String(40))
    client_token_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    success_url: Mapped[str | None] = mapped_column(String(2000))
    request_metadata: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Filled only once the PSP object exists (the gateway object comes first).
    gateway_object_kind: Mapped[str | None] = mapped_column(String(32))
    gateway_object_id: Mapped[str | None] = mapped_column(String(255))
    payer_details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    workflow_id: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("idempotency_key"),
        UniqueConstraint("gateway", "gateway_object_id"),
    )
