"""Discount codes and their redemptions (one checkout's hold on one use of a code)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class DiscountCode(Base):
    """``uses`` counts held and consumed redemptions; it never exceeds ``max_uses``.

    It is only ever changed by a guarded ``UPDATE … WHERE uses < max_uses`` (take) or a
    redemption state change (give back), so concurrent checkouts cannot oversell it.
    """

    __tablename__ = "discount_codes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    percent_off: Mapped[int | None] = mapped_column(Integer)
    amount_off_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    max_uses: Mapped[int | None] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint("uses >= 0", name="uses_non_negative"),
        CheckConstraint("max_uses IS NULL OR uses <= max_uses", name="uses_within_max"),
        CheckConstraint(
            "(percent_off IS NULL) <> (amount_off_minor IS NULL)", name="one_kind_of_discount"
        ),
    )


class DiscountRedemption(Base):
    """One checkout's hold on one use of a code: ``held`` → ``consumed`` or ``released``."""

    __tablename__ = "discount_redemptions"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    discount_code_id: Mapped[str] = mapped_column(ForeignKey("discount_codes.id"), index=True)
    checkout_id: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="held")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("checkout_id"),)
