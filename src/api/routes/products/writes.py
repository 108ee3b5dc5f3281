"""Creating and changing products (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import AdminOnly, SessionDep
from api.errors import from_service
from api.routes.products.views import product_out
from api.schemas.catalogue.fields import ProductId
from api.schemas.catalogue.product_in import ProductCreate, ProductUpdate
from api.schemas.catalogue.product_out import ProductOut
from sagas.domain.money import Money
from sagas.services.catalogue import product_create, product_update
from sagas.services.catalogue.errors import CatalogueError

router = APIRouter(prefix="/v1/products", tags=["catalogue"])


@router.post("", status_code=201, summary="Create a product (admin)")
async def create_product(_: AdminOnly, body: ProductCreate, session: SessionDep) -> ProductOut:
    product = await product_create.create_product(
        session,
        name=body.name,
        price=Money(body.price, body.currency),
        category=body.category,
        custom_fields=body.custom_fields,
        active=body.active,
    )
    await session.commit()
    return product_out(product)


@router.patch("/{product_id}", summary="Change a product (admin); only the fields sent")
async def update_product(
    _: AdminOnly, product_id: Annotated[ProductId, Path()], body: ProductUpdate, session: SessionDep
) -> ProductOut:
    try:
        product = await product_update.update_product(session, product_id, body.changes())
    except CatalogueError as err:
        raise from_service(err) from err
    await session.commit()
    return product_out(product)
