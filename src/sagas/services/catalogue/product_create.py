"""Creating a product (its price is checked chargeable first)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.products import Product
from sagas.domain.custom_fields import CustomField
from sagas.domain.money import Money
from sagas.services.catalogue.chargeable import check_chargeable
from sagas.services.catalogue.product_reads import fields_json


async def create_product(
    session: AsyncSession,
    *,
    name: str,
    price: Money,
    category: str,
    custom_fields: Sequence[CustomField] = (),
    active: bool = True,
) -> Product:
    check_chargeable(price, "price")
    product = Product(
        id=new_id("prod"),
        name=name,
        price_minor=price.amount,
        currency=price.currency,
        category=category,
        custom_fields=fields_json(custom_fields),
        active=active,
    )
    session.add(product)
    await session.flush()
    return product
