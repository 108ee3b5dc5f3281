"""The append-only money ledger: one row per capture or refund, never updated or deleted.

``(kind, reference)`` is unique, so writing the same movement twice (a retried activity)
is a no-op rather than a double entry.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # capture | refund
    reference: Mapped[str] = mapped_column(String(255))  # payment id / refund id
    amount_minor: Mapped[int] = mapped_column(BigInteger)  # signed: captures +, refunds -
    currency: Mapped[str] = mapped_column(String(3))
    gateway: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("kind", "reference"),)
