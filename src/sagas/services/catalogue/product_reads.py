"""Products by id, and a product row's price and custom fields as domain values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.products import Product
from sagas.domain.custom_fields import CustomField
from sagas.domain.money import Money


async def get_product(session: AsyncSession, product_id: str) -> Product | None:
    return await session.get(Product, product_id)


async def load_products(session: AsyncSession, ids: Iterable[str]) -> dict[str, Product]:
    """The products with these ids, active or not, keyed by id; missing ids are absent."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = await session.scalars(select(Product).where(Product.id.in_(wanted)))
    return {p.id: p for p in rows}


def product_fields(product: Product) -> list[CustomField]:
    """The product's custom fields as domain objects (for ``validate_custom_data``)."""
    return [CustomField.model_validate(raw) for raw in product.custom_fields or []]


def product_price(product: Product) -> Money:
    return Money(product.price_minor, product.currency)


def fields_json(fields: Iterable[CustomField]) -> list[dict[str, Any]]:
    """Custom fields as stored on the product row."""
    return [f.model_dump(mode="json") for f in fields]
