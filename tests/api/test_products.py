"""Products: create, patch, list and read; every bad input is a 422 that writes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from api.schemas.common.pages import encode_cursor
from sagas.db.models.products import Product
from tests.api.helpers import make_product, unique
from tests.conftest import ADMIN

SIZE = {"key": "size", "label": "Size", "type": "select", "required": True, "options": ["S", "M"]}
NOTE = {"key": "note", "label": "Gift note", "type": "text"}

VALID = {"name": "Mug", "price": 1250, "currency": "USD", "category": "mugs"}

BAD_CREATE: dict[str, Any] = {
    "price float": {**VALID, "price": 12.5},
    "price float with zero fraction": {**VALID, "price": 12.0},
    "price string": {**VALID, "price": "12"},
    "price bool": {**VALID, "price": True},
    "price negative": {**VALID, "price": -1},
    "price missing": {k: v for k, v in VALID.items() if k != "price"},
    "name empty": {**VALID, "name": ""},
    "name missing": {k: v for k, v in VALID.items() if k != "name"},
    "currency unknown": {**VALID, "currency": "XXX"},
    "currency not a string": {**VALID, "currency": 840},
    "category with spaces": {**VALID, "category": "two words"},
    "category empty": {**VALID, "category": ""},
    "unknown top-level field": {**VALID, "colour": "red"},
    "active not a bool": {**VALID, "active": "yes"},
    "custom field unknown type": {**VALID, "custom_fields": [{**NOTE, "type": "date"}]},
    "select without options": {**VALID, "custom_fields": [{**SIZE, "options": []}]},
    "text with options": {**VALID, "custom_fields": [{**NOTE, "options": ["a"]}]},
    "select duplicate options": {**VALID, "custom_fields": [{**SIZE, "options": ["S", "S"]}]},
    "duplicate field keys": {**VALID, "custom_fields": [NOTE, {**NOTE, "label": "Again"}]},
    "required not a bool": {**VALID, "custom_fields": [{**NOTE, "required": "yes"}]},
    "field key with spaces": {**VALID, "custom_fields": [{**NOTE, "key": "gift note"}]},
    "field without label": {**VALID, "custom_fields": [{"key": "k", "type": "text"}]},
    "field unknown attribute": {**VALID, "custom_fields": [{**NOTE, "min": 1}]},
    "custom_fields not a list": {**VALID, "custom_fields": {"size": "S"}},
    "body is a list": [VALID],
}


async def test_create_product_answers_it(catalogue_api: httpx.AsyncClient) -> None:
    category = unique("shirts")
    r = await catalogue_api.post(
        "/v1/products",
        json={**VALID, "currency": "usd", "category": category, "custom_fields": [SIZE, NOTE]},
        headers=ADMIN,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["id"].startswith("prod_")
    assert (body["price"], body["currency"], body["category"]) == (1250, "USD", category)
    assert body["active"] is True
    assert [f["key"] for f in body["custom_fields"]] == ["size", "note"]
    assert body["custom_fields"][1] == {**NOTE, "required": False, "options": None}
    got = await catalogue_api.get(f"/v1/products/{body['id']}")
    assert got.status_code == 200 and got.json() == body


@pytest.mark.parametrize("body", BAD_CREATE.values(), ids=list(BAD_CREATE))
async def test_bad_product_is_422_and_writes_nothing(
    catalogue_api: httpx.AsyncClient, row_counts: Any, body: Any
) -> None:
    before = await row_counts()
    r = await catalogue_api.post("/v1/products", json=body, headers=ADMIN)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "validation_error"
    assert r.json()["error"]["details"]
    assert await row_counts() == before


async def test_malformed_json_is_422(catalogue_api: httpx.AsyncClient, row_counts: Any) -> None:
    before = await row_counts()
    r = await catalogue_api.post(
        "/v1/products", content=b'{"name": ', headers={**ADMIN, "content-type": "application/json"}
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "validation_error"
    assert await row_counts() == before


async def _row(db_engine: AsyncEngine, product_id: str) -> dict[str, Any]:
    async with db_engine.connect() as conn:
        row = (await conn.execute(select(Product.__table__).where(Product.id == product_id))).one()
    return dict(row._mapping)


BAD_PATCH: dict[str, Any] = {
    "empty body": {},
    "price float": {"price": 9.99},
    "price string": {"price": "999"},
    "name null": {"name": None},
    "active null": {"active": None},
    "unknown field": {"sku": "x"},
    "currency unknown": {"currency": "ABC"},
    "bad custom field": {"custom_fields": [{**SIZE, "options": None}]},
}


@pytest.mark.parametrize("body", BAD_PATCH.values(), ids=list(BAD_PATCH))
async def test_bad_patch_is_422_and_changes_nothing(
    catalogue_api: httpx.AsyncClient, db_engine: AsyncEngine, body: Any
) -> None:
    product = await make_product(catalogue_api, custom_fields=[SIZE])
    before = await _row(db_engine, product["id"])
    r = await catalogue_api.patch(f"/v1/products/{product['id']}", json=body, headers=ADMIN)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "validation_error"
    assert await _row(db_engine, product["id"]) == before


async def test_patch_changes_only_what_is_sent(catalogue_api: httpx.AsyncClient) -> None:
    product = await make_product(catalogue_api, custom_fields=[SIZE])
    r = await catalogue_api.patch(
        f"/v1/products/{product['id']}", json={"price": 0, "currency": "jpy"}, headers=ADMIN
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["price"], body["currency"]) == (0, "JPY")
    assert body["name"] == product["name"] and body["custom_fields"] == product["custom_fields"]
    assert body["updated_at"] >= product["updated_at"]


async def test_patch_unknown_product_is_404(catalogue_api: httpx.AsyncClient) -> None:
    r = await catalogue_api.patch("/v1/products/prod_nope", json={"active": False}, headers=ADMIN)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


async def test_listing_shows_active_products_of_a_category(
    catalogue_api: httpx.AsyncClient,
) -> None:
    category = unique("hats")
    a = await make_product(catalogue_api, category=category, name="A")
    b = await make_product(catalogue_api, category=category, name="B")
    await make_product(catalogue_api, category=unique("other"))
    r = await catalogue_api.get("/v1/products", params={"category": category})
    assert r.status_code == 200
    assert [p["id"] for p in r.json()["data"]] == [a["id"], b["id"]]
    assert r.json()["has_more"] is False and r.json()["next_cursor"] is None

    off = await catalogue_api.patch(
        f"/v1/products/{a['id']}", json={"active": False}, headers=ADMIN
    )
    assert off.status_code == 200 and off.json()["active"] is False
    r = await catalogue_api.get("/v1/products", params={"category": category})
    assert [p["id"] for p in r.json()["data"]] == [b["id"]]
    assert (await catalogue_api.get(f"/v1/products/{a['id']}")).status_code == 404
    everything = await catalogue_api.get("/v1/products", params={"limit": 200})
    assert a["id"] not in {p["id"] for p in everything.json()["data"]}


async def test_known_category_with_only_inactive_products_is_an_empty_page(
    catalogue_api: httpx.AsyncClient,
) -> None:
    category = unique("retired")
    await make_product(catalogue_api, category=category, active=False)
    r = await catalogue_api.get("/v1/products", params={"category": category})
    assert r.status_code == 200
    assert r.json() == {"data": [], "next_cursor": None, "has_more": False}


async def test_unknown_category_is_422(catalogue_api: httpx.AsyncClient) -> None:
    r = await catalogue_api.get("/v1/products", params={"category": unique("nobody-sells")})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "unknown_category"


async def test_listing_paginates_with_a_cursor(catalogue_api: httpx.AsyncClient) -> None:
    category = unique("paged")
    made = [(await make_product(catalogue_api, category=category))["id"] for _ in range(3)]
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(5):  # bounded: 3 products, page size 2
        params: dict[str, Any] = {"category": category, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await catalogue_api.get("/v1/products", params=params)).json()
        seen += [p["id"] for p in page["data"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == made


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 201},
        {"limit": "ten"},
        {"cursor": "not-a-cursor"},
        {"cursor": "WyJ4Il0"},
        {"cursor": encode_cursor("2030-01-01T00:00:00+00:00", "prod_\x00")},
        {"cursor": encode_cursor("2030-01-01T00:00:00", "prod_1")},
        {"category": "has space"},
    ],
    ids=[
        "limit 0",
        "limit 201",
        "limit text",
        "garbage cursor",
        "foreign cursor",
        "NUL cursor",
        "naive cursor",
        "bad category",
    ],
)
async def test_bad_listing_query_is_422(catalogue_api: httpx.AsyncClient, params: Any) -> None:
    r = await catalogue_api.get("/v1/products", params=params)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize("product_id", ["a%00b", "x" * 41, "semi;colon", "%E2%82%AC"])
async def test_malformed_product_ids_are_422(
    catalogue_api: httpx.AsyncClient, product_id: str
) -> None:
    got = await catalogue_api.get(f"/v1/products/{product_id}")
    patched = await catalogue_api.patch(
        f"/v1/products/{product_id}", json={"active": False}, headers=ADMIN
    )
    for r in (got, patched):
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "validation_error"
