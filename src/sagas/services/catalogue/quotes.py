"""Pricing a cart from the catalogue and, if given, a discount code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.discounts import DiscountCode
from sagas.db.models.products import Product
from sagas.domain.discounts import DiscountRejection, rejection_reason
from sagas.domain.pricing import CartTotals, PricingError, price_cart
from sagas.services.catalogue.cart_lines import cart_lines
from sagas.services.catalogue.discount_reads import (
    discount_of,
    discount_terms,
    get_discount_by_code,
)
from sagas.services.catalogue.errors import UnpriceableCart


@dataclass(frozen=True, slots=True)
class Quote:
    """A priced cart; ``rejection`` says why the code did not apply (None: it did)."""

    totals: CartTotals
    rejection: DiscountRejection | None
    code: DiscountCode | None
    products: dict[str, Product]


async def quote_cart(
    session: AsyncSession, items: Sequence[tuple[str, int]], code: str | None, *, now: datetime
) -> Quote:
    """Price ``items`` (product id, quantity) and, if given, try the discount ``code``."""
    lines, products = await cart_lines(session, items)
    try:
        undiscounted = price_cart(lines)
    except PricingError as err:
        raise UnpriceableCart(str(err), {"reason": err.code}) from err
    row = await get_discount_by_code(session, code) if code is not None else None
    if code is None:
        return Quote(undiscounted, None, None, products)
    terms = discount_terms(row) if row is not None else None
    rejection = rejection_reason(terms, cart_currency=undiscounted.subtotal.currency, now=now)
    if rejection is not None or row is None:
        return Quote(undiscounted, rejection, row, products)
    return Quote(price_cart(lines, discount_of(row)), None, row, products)
