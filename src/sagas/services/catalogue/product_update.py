"""Changing a product; checkouts already started keep the amounts they computed."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.products import Product
from sagas.domain.money import Money
from sagas.services.catalogue.chargeable import check_chargeable
from sagas.services.catalogue.errors import ProductNotFound
from sagas.services.catalogue.product_reads import fields_json


async def update_product(
    session: AsyncSession, product_id: str, changes: dict[str, Any]
) -> Product:
    """Apply ``changes`` (keys: name, price, currency, category, custom_fields, active).

    Checkouts already started keep the amounts they computed; a change only affects
    carts priced after it.
    """
    product = await session.get(Product, product_id, with_for_update=True)
    if product is None:
        raise ProductNotFound(f"no product {product_id!r}")
    if "price" in changes or "currency" in changes:
        price = Money(
            changes.get("price", product.price_minor), changes.get("currency", product.currency)
        )
        check_chargeable(price, "price")
        product.price_minor, product.currency = price.amount, price.currency
    for key in ("name", "category", "active"):
        if key in changes:
            setattr(product, key, changes[key])
    if "custom_fields" in changes:
        product.custom_fields = fields_json(changes["custom_fields"])
    await session.flush()
    await session.refresh(product)
    return product
