"""Creating a discount code; a code is unique, case-sensitive and stored as given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.discounts import DiscountCode
from sagas.domain.pricing import Discount
from sagas.services.catalogue.chargeable import check_chargeable
from sagas.services.catalogue.discount_reads import get_discount_by_code
from sagas.services.catalogue.errors import DuplicateDiscountCode


async def create_discount_code(
    session: AsyncSession,
    *,
    code: str,
    discount: Discount,
    max_uses: int | None,
    expires_at: datetime | None,
    active: bool,
) -> DiscountCode:
    if discount.amount_off is not None:
        check_chargeable(discount.amount_off, "amount_off")
    if await get_discount_by_code(session, code) is not None:
        raise DuplicateDiscountCode(f"discount code {code!r} already exists", {"code": code})
    row = DiscountCode(
        id=new_id("dc"),
        code=code,
        percent_off=discount.percent_off,
        amount_off_minor=discount.amount_off.amount if discount.amount_off else None,
        currency=discount.amount_off.currency if discount.amount_off else None,
        max_uses=max_uses,
        uses=0,
        expires_at=expires_at,
        active=active,
    )
    try:
        async with session.begin_nested():  # a concurrent insert of the same code loses here
            session.add(row)
    except IntegrityError as err:
        raise DuplicateDiscountCode(
            f"discount code {code!r} already exists", {"code": code}
        ) from err
    return row
