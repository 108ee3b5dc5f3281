"""Taking the checkout's discount use, in the same transaction that writes it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.services import discounts
from sagas.services.catalogue.quotes import Quote
from sagas.services.checkouts.errors import CheckoutError


async def take_discount_use(
    session: AsyncSession, quote: Quote, checkout_id: str, now: datetime
) -> None:
    """Take one use of the quote's code (if any); 422 when its last use is gone."""
    if quote.code is not None and not await discounts.take_use(
        session, discount_code_id=quote.code.id, checkout_id=checkout_id, now=now
    ):
        raise CheckoutError(
            422,
            "discount_rejected",
            "discount code not applicable: max_uses_reached",
            {"reason": "max_uses_reached"},
        )
