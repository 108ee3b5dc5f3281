"""Disputes (chargebacks): one row per PSP dispute, written by ``DisputeWorkflow``.

A dispute whose payment we do not know is recorded all the same (``order_id`` and
``payment_id`` empty, ``needs_review`` set), so an operator sees it. ``withdrawn_minor`` /
``reinstated_minor`` are what the PSP took and gave back so far; each movement has its one
ledger entry. ``order_status_before`` is what a won dispute gives the order back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class Dispute(Base):
    __tablename__ = "disputes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    gateway: Mapped[str] = mapped_column(String(16))
    gateway_dispute_id: Mapped[str] = mapped_column(String(255))
    gateway_payment_id: Mapped[str | None] = mapped_column(String(255), index=True)
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"), index=True)
    payment_id: Mapped[str | None] = mapped_column(ForeignKey("payments.id"), index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str | None] = mapped_column(String(255))
    # needs_response | under_review | won | lost
    status: Mapped[str] = mapped_column(String(32), index=True)
    psp_status: Mapped[str] = mapped_column(String(64))
    evidence_due_by: Mapped[datetime | None] = mapped_column(index=True)
    evidence_submitted_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    order_status_before: Mapped[str | None] = mapped_column(String(32))
    withdrawn_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    reinstated_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    needs_review: Mapped[bool] = mapped_column(default=False)
    fulfilment_revoked_at: Mapped[datetime | None]
    workflow_id: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("gateway", "gateway_dispute_id"),
        CheckConstraint("amount_minor > 0", name="amount_positive"),
    )
