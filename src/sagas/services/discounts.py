"""Discount uses: taken atomically when a checkout starts, consumed when it is paid, given
back when it expires, fails or is cancelled.

The take is one guarded ``UPDATE … SET uses = uses + 1 WHERE uses < max_uses``: the
database serialises concurrent checkouts on the row, so the last use goes to exactly one of
them. The give-back is keyed by the checkout's redemption row and flips ``held`` to
``released`` first, so releasing twice (a retried activity) gives back one use, not two.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.discounts import DiscountCode, DiscountRedemption


async def take_use(
    session: AsyncSession, *, discount_code_id: str, checkout_id: str, now: datetime
) -> bool:
    """Hold one use for ``checkout_id``; False when none is left (or the code lapsed)."""
    result = await session.execute(
        update(DiscountCode)
        .where(
            DiscountCode.id == discount_code_id,
            DiscountCode.active.is_(True),
            or_(DiscountCode.max_uses.is_(None), DiscountCode.uses < DiscountCode.max_uses),
            or_(DiscountCode.expires_at.is_(None), DiscountCode.expires_at > now),
        )
        .values(uses=DiscountCode.uses + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.add(
        DiscountRedemption(
            id=new_id("dr"),
            discount_code_id=discount_code_id,
            checkout_id=checkout_id,
            status="held",
        )
    )
    await session.flush()
    return True


async def release_use(session: AsyncSession, *, checkout_id: str) -> bool:
    """Give the checkout's held use back; True only the first time (idempotent)."""
    flipped = await session.execute(
        update(DiscountRedemption)
        .where(DiscountRedemption.checkout_id == checkout_id, DiscountRedemption.status == "held")
        .values(status="released", released_at=utcnow())
        .returning(DiscountRedemption.discount_code_id)
    )
    code_id = flipped.scalar_one_or_none()
    if code_id is None:
        return False
    await session.execute(
        update(DiscountCode)
        .where(DiscountCode.id == code_id, DiscountCode.uses > 0)
        .values(uses=DiscountCode.uses - 1)
        .execution_options(synchronize_session=False)
    )
    return True


async def consume_use(session: AsyncSession, *, checkout_id: str) -> None:
    """The checkout was paid: its held use is spent for good (idempotent)."""
    await session.execute(
        update(DiscountRedemption)
        .where(DiscountRedemption.checkout_id == checkout_id, DiscountRedemption.status == "held")
        .values(status="consumed")
    )
