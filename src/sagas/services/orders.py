"""Order read models: one order with its refunds, and the admin's filtered, paged list.

Pages are keyset-paginated on ``(created_at, id)`` newest first, so a page never repeats
or skips a row while new orders arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.orders import Order, OrderItem
from sagas.db.models.refunds import Refund


async def get_order(session: AsyncSession, order_id: str) -> tuple[Order, list[Refund]] | None:
    order = await session.get(Order, order_id)
    if order is None:
        return None
    refunds = await session.scalars(
        select(Refund).where(Refund.order_id == order_id).order_by(Refund.created_at)
    )
    return order, list(refunds)


async def refunds_by_order(
    session: AsyncSession, order_ids: Sequence[str]
) -> dict[str, list[Refund]]:
    found: dict[str, list[Refund]] = {oid: [] for oid in order_ids}
    if not order_ids:
        return found
    rows = await session.scalars(
        select(Refund).where(Refund.order_id.in_(order_ids)).order_by(Refund.created_at)
    )
    for row in rows:
        found[row.order_id].append(row)
    return found


async def list_orders(
    session: AsyncSession,
    *,
    status: str | None,
    customer_id: str | None,
    category: str | None,
    limit: int,
    after: tuple[datetime, str] | None,
) -> tuple[list[Order], bool]:
    """A page of orders (newest first) and whether more follow."""
    query = select(Order)
    if status is not None:
        query = query.where(Order.status == status)
    if customer_id is not None:
        query = query.where(Order.customer_id == customer_id)
    if category is not None:
        lines = select(OrderItem.order_id).where(OrderItem.category == category)
        query = query.where(Order.id.in_(lines))
    if after is not None:
        created, oid = after
        query = query.where(
            or_(Order.created_at < created, and_(Order.created_at == created, Order.id < oid))
        )
    query = query.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit + 1)
    rows = list(await session.scalars(query))
    return rows[:limit], len(rows) > limit
