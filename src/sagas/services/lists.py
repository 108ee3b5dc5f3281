"""Keyset-paged lists for the service role: checkouts, refunds, subscriptions.

Newest first on ``(created_at, id)``, the same keyset as ``GET /v1/orders``, so a page
never repeats or skips a row while new ones arrive.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.checkouts import Checkout
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription

Row = TypeVar("Row", Checkout, Refund, Subscription)


async def page(
    session: AsyncSession,
    model: type[Row],
    *,
    filters: dict[str, Any],
    limit: int,
    after: tuple[datetime, str] | None,
) -> tuple[list[Row], bool]:
    """A page of ``model`` rows matching ``filters`` (column → value; None is no filter)."""
    query = select(model)
    for column, value in filters.items():
        if value is not None:
            query = query.where(getattr(model, column) == value)
    if after is not None:
        created, rid = after
        query = query.where(
            or_(model.created_at < created, and_(model.created_at == created, model.id < rid))
        )
    query = query.order_by(model.created_at.desc(), model.id.desc()).limit(limit + 1)
    rows = list(await session.scalars(query))
    return rows[:limit], len(rows) > limit
