"""The ``Idempotency-Key`` of each accepted manual capture (CONTRACT 11.2).

The capture itself lives in the checkout saga; this row only remembers what a key asked
for and what it was answered, so the same request replays its 202 even after the order
is ``paid`` (when the saga no longer accepts a capture), and the same key asking for
something else is a conflict.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class CaptureKey(Base):
    __tablename__ = "capture_keys"

    idempotency_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    # The amount the 202 answered (the authorized amount when the body named none).
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
