"""Small builders shared by the API tests (admin-created products and codes)."""

from __future__ import annotations

import secrets
from typing import Any

import httpx

from tests.conftest import ADMIN


def unique(prefix: str) -> str:
    """A name no other test in this session uses (the database is shared)."""
    return f"{prefix}-{secrets.token_hex(4)}"


async def make_product(api: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Tee",
        "price": 1000,
        "currency": "USD",
        "category": unique("cat"),
    }
    body.update(fields)
    r = await api.post("/v1/products", json=body, headers=ADMIN)
    assert r.status_code == 201, r.text
    product: dict[str, Any] = r.json()
    return product


async def make_code(api: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": unique("CODE"), "percent_off": 10}
    body.update(fields)
    r = await api.post("/v1/discount-codes", json=body, headers=ADMIN)
    assert r.status_code == 201, r.text
    code: dict[str, Any] = r.json()
    return code
