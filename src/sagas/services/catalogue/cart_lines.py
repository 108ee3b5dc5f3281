"""A cart's lines priced from the catalogue."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.products import Product
from sagas.domain.pricing import CartLine
from sagas.services.catalogue.errors import InactiveProduct, UnknownProduct
from sagas.services.catalogue.product_reads import load_products, product_price


async def cart_lines(
    session: AsyncSession, items: Sequence[tuple[str, int]]
) -> tuple[list[CartLine], dict[str, Product]]:
    """Cart lines priced from the catalogue; unknown or inactive products are errors."""
    products = await load_products(session, (pid for pid, _ in items))
    missing = sorted({pid for pid, _ in items} - set(products))
    if missing:
        raise UnknownProduct(f"unknown product(s): {missing}", {"product_ids": missing})
    inactive = sorted({pid for pid, _ in items if not products[pid].active})
    if inactive:
        raise InactiveProduct(f"product(s) not for sale: {inactive}", {"product_ids": inactive})
    lines = [CartLine(pid, product_price(products[pid]), qty) for pid, qty in items]
    return lines, products
