"""Orders, their lines and the PSP payments bound to them.

Gross (``subtotal_minor``), discount and net (``total_minor``) are written once when the
order is priced and never overwritten; refunds are counted in ``refunded_minor``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sagas.db.base import Base, utcnow


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    checkout_id: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[str] = mapped_column(String(128), index=True)
    customer_email: Mapped[str] = mapped_column(String(320))
    # pending → paid → fulfilled → partially_refunded → refunded; or expired / cancelled /
    # failed (never paid); a late payment on an expired or cancelled order ends refunded.
    status: Mapped[str] = mapped_column(String(32), index=True)
    status_reason: Mapped[str | None] = mapped_column(String(500))
    gateway: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    subtotal_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)
    captured_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    discount_code: Mapped[str | None] = mapped_column(String(64))
    paid_at: Mapped[datetime | None]
    fulfilled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list[OrderItem]] = relationship(back_populates="order", lazy="selectin")
    payments: Mapped[list[Payment]] = relationship(back_populates="order", lazy="selectin")

    __table_args__ = (
        CheckConstraint(
            "subtotal_minor - discount_minor = total_minor", name="net_is_gross_less_discount"
        ),
        CheckConstraint(
            "refunded_minor >= 0 AND refunded_minor <= captured_minor", name="refund_within_capture"
        ),
    )


class OrderItem(Base):
    __tablename__ = "order_items"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[str] = mapped_column(String(40))
    product_name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64), index=True)
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)
    line_total_minor: Mapped[int] = mapped_column(BigInteger)
    custom_data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    order: Mapped[Order] = relationship(back_populates="items")


class Payment(Base):
    """A settled PSP payment, recorded only after the settlement gate accepted it, or a late
    payment recorded so that its refund is accounted for. Unique per PSP payment id."""

    __tablename__ = "payments"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    checkout_id: Mapped[str] = mapped_column(String(40), index=True)
    gateway: Mapped[str] = mapped_column(String(16))
    gateway_payment_id: Mapped[str] = mapped_column(String(255))
    gateway_object_id: Mapped[str] = mapped_column(String(255))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    # captured (bound to a paid order) | late (captured for a closed checkout, being refunded)
    status: Mapped[str] = mapped_column(String(16))
    refunded_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    psp_snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="payments")

    __table_args__ = (UniqueConstraint("gateway", "gateway_payment_id"),)
