"""A category's active products, keyset-paginated.

A category is *known* when any product, active or not, has it; listing an unknown one is
an error (a typo in a storefront's category must not look like an empty shelf).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.products import Product
from sagas.services.catalogue.errors import UnknownCategory


async def category_exists(session: AsyncSession, category: str) -> bool:
    return bool(await session.scalar(select(exists().where(Product.category == category))))


async def list_active_products(
    session: AsyncSession,
    *,
    category: str | None,
    limit: int,
    after: tuple[datetime, str] | None = None,
) -> tuple[list[Product], bool]:
    """Active products oldest first, keyset-paginated on (created_at, id); has_more."""
    if category is not None and not await category_exists(session, category):
        raise UnknownCategory(
            f"unknown category {category!r}: no product has it", {"category": category}
        )
    stmt = select(Product).where(Product.active.is_(True))
    if category is not None:
        stmt = stmt.where(Product.category == category)
    if after is not None:
        stmt = stmt.where(tuple_(Product.created_at, Product.id) > tuple_(*after))
    stmt = stmt.order_by(Product.created_at, Product.id).limit(limit + 1)
    rows = list((await session.scalars(stmt)).all())
    return rows[:limit], len(rows) > limit
