"""Product and Price routes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.allowed_params import catalog as catalog_params
from pspsim.stripe.api.running import run
from pspsim.stripe.catalog import lookup, prices, products

router = APIRouter()


@router.post("/v1/products")
async def create_product(request: Request) -> Response:
    return await run(request, products.create_product, allowed=catalog_params.PRODUCT)


@router.get("/v1/products/{product}")
async def get_product(request: Request, product: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, "product", product))


@router.post("/v1/prices")
async def create_price(request: Request) -> Response:
    return await run(request, prices.new_price, allowed=catalog_params.PRICE)


@router.get("/v1/prices/{price}")
async def get_price(request: Request, price: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, "price", price))
