"""Whether a checkout already holds a given PSP payment."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Payment


async def holds_payment(session: AsyncSession, co: Checkout, payment_id: str) -> bool:
    """True when the settlement gate already booked ``payment_id`` on this checkout (so a
    Razorpay callback that arrives after the webhook answers ``paid``, not "closed")."""
    found = await session.scalar(
        select(Payment.id).where(
            Payment.checkout_id == co.id,
            Payment.gateway == co.gateway,
            Payment.gateway_payment_id == payment_id,
            Payment.status == "captured",
        )
    )
    return found is not None
