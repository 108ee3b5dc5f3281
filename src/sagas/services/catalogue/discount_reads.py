"""Finding a discount code (exactly as stored) and reading its row as domain values."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.discounts import DiscountCode
from sagas.domain.discounts import DiscountTerms
from sagas.domain.money import Money
from sagas.domain.pricing import Discount


async def get_discount_by_code(session: AsyncSession, code: str) -> DiscountCode | None:
    found: DiscountCode | None = await session.scalar(
        select(DiscountCode).where(DiscountCode.code == code)
    )
    return found


def discount_terms(row: DiscountCode) -> DiscountTerms:
    return DiscountTerms(
        code=row.code,
        active=row.active,
        expires_at=row.expires_at,
        max_uses=row.max_uses,
        uses=row.uses,
        currency=row.currency if row.amount_off_minor is not None else None,
    )


def discount_of(row: DiscountCode) -> Discount:
    if row.percent_off is not None:
        return Discount(percent_off=row.percent_off)
    assert row.amount_off_minor is not None and row.currency is not None
    return Discount(amount_off=Money(row.amount_off_minor, row.currency))
