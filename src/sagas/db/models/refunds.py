"""Refunds. A refund is ``pending`` until the PSP's webhook or its own state says otherwise."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class Refund(Base):
    __tablename__ = "refunds"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    payment_id: Mapped[str] = mapped_column(ForeignKey("payments.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(255))
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(16))  # api | late_payment
    gateway: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), index=True)  # pending | succeeded | failed
    failure_reason: Mapped[str | None] = mapped_column(String(500))
    gateway_refund_id: Mapped[str | None] = mapped_column(String(255))
    order_status_before: Mapped[str] = mapped_column(String(32))
    workflow_id: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    settled_at: Mapped[datetime | None]
    # Set once the refund saga has reversed what the order granted (its own step, retried).
    fulfilment_revoked_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("idempotency_key"),
        CheckConstraint("amount_minor > 0", name="amount_positive"),
    )
