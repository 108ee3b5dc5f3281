"""Products: admins create and edit them; anyone lists and reads the active ones.

``GET /v1/products?category=`` answers 422 for an *unknown* category, meaning one that
no product has, active or not; a known category whose products are all inactive is an
empty page.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import AdminOnly, SessionDep
from api.errors import ApiError
from api.schemas.catalogue import Category, ProductCreate, ProductId, ProductOut, ProductUpdate
from api.schemas.common import Page, PageLimit, decode_cursor, encode_cursor
from sagas.db.models.catalogue import Product
from sagas.domain.money import Money
from sagas.services import catalogue
from sagas.services.catalogue import CatalogueError, ProductNotFound

router = APIRouter(prefix="/v1/products", tags=["catalogue"])
_ID = re.compile(r"[A-Za-z0-9_\-]{1,40}")

_STATUS: dict[type[CatalogueError], int] = {
    ProductNotFound: 404,
    catalogue.DuplicateDiscountCode: 409,
}


def as_api_error(err: CatalogueError) -> ApiError:
    """The API answer for a catalogue failure: 404/409 where listed, else 422."""
    return ApiError(_STATUS.get(type(err), 422), err.code, err.message, err.details)


def product_out(product: Product) -> ProductOut:
    return ProductOut(
        id=product.id,
        name=product.name,
        price=product.price_minor,
        currency=product.currency,
        category=product.category,
        custom_fields=catalogue.product_fields(product),
        active=product.active,
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


@router.post("", status_code=201, summary="Create a product (admin)")
async def create_product(_: AdminOnly, body: ProductCreate, session: SessionDep) -> ProductOut:
    product = await catalogue.create_product(
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
        product = await catalogue.update_product(session, product_id, body.changes())
    except CatalogueError as err:
        raise as_api_error(err) from err
    await session.commit()
    return product_out(product)


@router.get("", summary="List active products, optionally in one category (public)")
async def list_products(
    session: SessionDep,
    category: Annotated[Category | None, Query(description="422 if no product has it")] = None,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[ProductOut]:
    after = _after(cursor) if cursor else None
    try:
        rows, has_more = await catalogue.list_active_products(
            session, category=category, limit=limit, after=after
        )
    except CatalogueError as err:
        raise as_api_error(err) from err
    next_cursor = (
        encode_cursor(rows[-1].created_at.isoformat(), rows[-1].id) if has_more and rows else None
    )
    return Page[ProductOut](
        data=[product_out(p) for p in rows], next_cursor=next_cursor, has_more=has_more
    )


@router.get("/{product_id}", summary="Read one active product (public)")
async def get_product(product_id: Annotated[ProductId, Path()], session: SessionDep) -> ProductOut:
    product = await catalogue.get_product(session, product_id)
    if product is None or not product.active:
        raise ApiError(404, "not_found", f"no active product {product_id!r}")
    return product_out(product)


def _after(cursor: str) -> tuple[datetime, str]:
    created_at, product_id = decode_cursor(cursor, arity=2)
    try:
        when = datetime.fromisoformat(str(created_at))
    except ValueError as err:
        raise ApiError(422, "validation_error", "invalid cursor") from err
    if when.tzinfo is None or not isinstance(product_id, str) or not _ID.fullmatch(product_id):
        raise ApiError(422, "validation_error", "invalid cursor")
    return when, product_id
