"""One PSP customer per (customer, gateway): Stripe's ``cus_…``, Razorpay's ``cust_…``.

Created once (Stripe: under an idempotency key from the customer id) and reused by every
later subscription, so the card a customer saved is where their next one looks for it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sagas.db.base import Base, utcnow


class PspCustomer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(128))
    gateway: Mapped[str] = mapped_column(String(16))
    gateway_customer_id: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("customer_id", "gateway"),)
