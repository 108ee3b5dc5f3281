"""Reading disputes for the API: one by id, and the keyset-paged list with filters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.disputes import Dispute


async def get_dispute(session: AsyncSession, dispute_id: str) -> Dispute | None:
    return await session.get(Dispute, dispute_id, populate_existing=True)


async def list_disputes(
    session: AsyncSession,
    *,
    status: str | None,
    order_id: str | None,
    limit: int,
    after: tuple[datetime, str] | None,
) -> tuple[list[Dispute], bool]:
    """Newest first; ``after`` is the (created_at, id) of the last row of the previous page."""
    query = select(Dispute)
    if status is not None:
        query = query.where(Dispute.status == status)
    if order_id is not None:
        query = query.where(Dispute.order_id == order_id)
    if after is not None:
        created_at, last_id = after
        query = query.where(
            or_(
                Dispute.created_at < created_at,
                and_(Dispute.created_at == created_at, Dispute.id < last_id),
            )
        )
    query = query.order_by(Dispute.created_at.desc(), Dispute.id.desc()).limit(limit + 1)
    rows = list(await session.scalars(query))
    return rows[:limit], len(rows) > limit
