"""A product row as the API shows it."""

from __future__ import annotations

from api.schemas.catalogue.product_out import ProductOut
from sagas.db.models.products import Product
from sagas.services.catalogue.product_reads import product_fields


def product_out(product: Product) -> ProductOut:
    return ProductOut(
        id=product.id,
        name=product.name,
        price=product.price_minor,
        currency=product.currency,
        category=product.category,
        custom_fields=product_fields(product),
        active=product.active,
        created_at=product.created_at,
        updated_at=product.updated_at,
    )
