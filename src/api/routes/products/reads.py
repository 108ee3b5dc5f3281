"""Listing and reading active products (public); a category no product has answers 422."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import SessionDep
from api.errors import ApiError, from_service
from api.routes.products.views import product_out
from api.schemas.catalogue.fields import Category, ProductId
from api.schemas.catalogue.product_out import ProductOut
from api.schemas.common.pages import Page, PageLimit, after_cursor, encode_cursor
from sagas.services.catalogue import product_listing, product_reads
from sagas.services.catalogue.errors import CatalogueError

router = APIRouter(prefix="/v1/products", tags=["catalogue"])


@router.get("", summary="List active products, optionally in one category (public)")
async def list_products(
    session: SessionDep,
    category: Annotated[Category | None, Query(description="422 if no product has it")] = None,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[ProductOut]:
    after = after_cursor(cursor) if cursor else None
    try:
        rows, has_more = await product_listing.list_active_products(
            session, category=category, limit=limit, after=after
        )
    except CatalogueError as err:
        raise from_service(err) from err
    next_cursor = (
        encode_cursor(rows[-1].created_at.isoformat(), rows[-1].id) if has_more and rows else None
    )
    return Page[ProductOut](
        data=[product_out(p) for p in rows], next_cursor=next_cursor, has_more=has_more
    )


@router.get("/{product_id}", summary="Read one active product (public)")
async def get_product(product_id: Annotated[ProductId, Path()], session: SessionDep) -> ProductOut:
    product = await product_reads.get_product(session, product_id)
    if product is None or not product.active:
        raise ApiError(404, "not_found", f"no active product {product_id!r}")
    return product_out(product)
