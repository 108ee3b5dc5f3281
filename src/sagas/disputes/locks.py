"""The order's write lock, taken before a dispute (or refund) reads it."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.orders import Order


async def lock_order(session: AsyncSession, order_id: str) -> None:
    """The order's write lock before anything is read (a no-op UPDATE: SQLite ignores FOR
    UPDATE), as the refund paths take it."""
    await session.execute(
        update(Order)
        .where(Order.id == order_id)
        .values(refunded_minor=Order.refunded_minor)
        .execution_options(synchronize_session=False)
    )
