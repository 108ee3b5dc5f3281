"""Discount codes: creation rules (409 on a duplicate) and what ``validate`` answers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from sagas.db.models.discounts import DiscountCode
from tests.api.helpers import make_code, make_product, unique
from tests.conftest import ADMIN

FUTURE = (datetime.now(UTC) + timedelta(days=30)).isoformat()

BAD_CODES: dict[str, Any] = {
    "both kinds": {"percent_off": 10, "amount_off": 100, "currency": "USD"},
    "neither kind": {},
    "amount without currency": {"amount_off": 100},
    "percent with currency": {"percent_off": 10, "currency": "USD"},
    "percent zero": {"percent_off": 0},
    "percent over 100": {"percent_off": 101},
    "percent float": {"percent_off": 10.5},
    "percent string": {"percent_off": "10"},
    "amount float": {"amount_off": 1.5, "currency": "USD"},
    "amount zero": {"amount_off": 0, "currency": "USD"},
    "amount unknown currency": {"amount_off": 100, "currency": "ZZZ"},
    "max_uses zero": {"percent_off": 10, "max_uses": 0},
    "max_uses float": {"percent_off": 10, "max_uses": 2.0},
    "expires_at naive": {"percent_off": 10, "expires_at": "2099-01-01T00:00:00"},
    "expires_at past": {"percent_off": 10, "expires_at": "2001-01-01T00:00:00Z"},
    "expires_at garbage": {"percent_off": 10, "expires_at": "soon"},
    "active string": {"percent_off": 10, "active": "true"},
    "unknown field": {"percent_off": 10, "percent_of": 10},
    "code with space": {"percent_off": 10, "code": "TWO WORDS"},
    "code empty": {"percent_off": 10, "code": ""},
}


async def test_create_codes_of_both_kinds(catalogue_api: httpx.AsyncClient) -> None:
    pct = await make_code(catalogue_api, percent_off=15, max_uses=3, expires_at=FUTURE)
    assert (pct["percent_off"], pct["amount_off"], pct["currency"]) == (15, None, None)
    assert (pct["max_uses"], pct["uses"], pct["active"]) == (3, 0, True)
    assert datetime.fromisoformat(pct["expires_at"]) == datetime.fromisoformat(FUTURE)
    fixed = await make_code(catalogue_api, percent_off=None, amount_off=500, currency="inr")
    assert (fixed["percent_off"], fixed["amount_off"], fixed["currency"]) == (None, 500, "INR")


@pytest.mark.parametrize("fields", BAD_CODES.values(), ids=list(BAD_CODES))
async def test_bad_code_is_422_and_writes_nothing(
    catalogue_api: httpx.AsyncClient, row_counts: Any, fields: Any
) -> None:
    before = await row_counts()
    body = {"code": unique("BAD"), **fields}
    r = await catalogue_api.post("/v1/discount-codes", json=body, headers=ADMIN)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "validation_error"
    assert await row_counts() == before


async def test_duplicate_code_is_409(catalogue_api: httpx.AsyncClient, row_counts: Any) -> None:
    first = await make_code(catalogue_api)
    before = await row_counts()
    again = {"code": first["code"], "amount_off": 100, "currency": "USD"}
    r = await catalogue_api.post("/v1/discount-codes", json=again, headers=ADMIN)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "duplicate_code"
    assert await row_counts() == before
    # Codes are case-sensitive: another case is another code.
    other = {"code": first["code"].lower(), "percent_off": 5}
    assert (
        await catalogue_api.post("/v1/discount-codes", json=other, headers=ADMIN)
    ).status_code == 201


async def _validate(api: httpx.AsyncClient, code: str, items: list[tuple[str, int]]) -> Any:
    body = {"code": code, "items": [{"product_id": p, "quantity": q} for p, q in items]}
    return await api.post("/v1/discount-codes/validate", json=body)


def _money(amount: int, currency: str) -> dict[str, Any]:
    return {"amount": amount, "currency": currency}


@pytest.mark.parametrize(
    ("price", "currency", "quantity", "percent", "expected_off"),
    [
        (999, "USD", 1, 15, 149),  # 149.85 -> 149: floor, toward the merchant
        (1001, "JPY", 1, 15, 150),  # no minor unit: 150.15 yen -> 150
        (330, "KWD", 3, 33, 320),  # three decimals: 990 fils * 33 % = 326.7 -> 320 (tens)
        (1, "USD", 1, 50, 0),  # half a cent is no cent
        (1000, "USD", 2, 100, 2000),
    ],
)
async def test_percent_discount_rounds_down_on_the_subtotal(
    catalogue_api: httpx.AsyncClient,
    price: int,
    currency: str,
    quantity: int,
    percent: int,
    expected_off: int,
) -> None:
    product = await make_product(catalogue_api, price=price, currency=currency)
    code = await make_code(catalogue_api, percent_off=percent)
    r = await _validate(catalogue_api, code["code"], [(product["id"], quantity)])
    assert r.status_code == 200, r.text
    subtotal = price * quantity
    assert r.json() == {
        "valid": True,
        "discount": _money(expected_off, currency),
        "reason": None,
        "subtotal": _money(subtotal, currency),
        "total": _money(subtotal - expected_off, currency),
    }


async def test_fixed_discount_is_capped_at_the_subtotal(catalogue_api: httpx.AsyncClient) -> None:
    a = await make_product(catalogue_api, price=300)
    b = await make_product(catalogue_api, price=150)
    code = await make_code(catalogue_api, percent_off=None, amount_off=1000, currency="USD")
    r = (await _validate(catalogue_api, code["code"], [(a["id"], 2), (b["id"], 1)])).json()
    assert (r["valid"], r["discount"], r["total"]) == (True, _money(750, "USD"), _money(0, "USD"))


async def _set(db_engine: AsyncEngine, code_id: str, **values: Any) -> None:
    async with db_engine.begin() as conn:
        await conn.execute(update(DiscountCode).where(DiscountCode.id == code_id).values(**values))


async def test_rejections_say_why(
    catalogue_api: httpx.AsyncClient, db_engine: AsyncEngine, row_counts: Any
) -> None:
    product = await make_product(catalogue_api, price=2000)
    item = [(product["id"], 1)]
    inactive = await make_code(catalogue_api, active=False)
    expired = await make_code(catalogue_api, expires_at=FUTURE)
    await _set(db_engine, expired["id"], expires_at=datetime.now(UTC) - timedelta(seconds=1))
    used_up = await make_code(catalogue_api, max_uses=2)
    await _set(db_engine, used_up["id"], uses=2)
    euros = await make_code(catalogue_api, percent_off=None, amount_off=100, currency="EUR")
    cases = {
        unique("NOSUCH"): "unknown_code",
        inactive["code"]: "inactive",
        expired["code"]: "expired",
        used_up["code"]: "max_uses_reached",
        euros["code"]: "currency_mismatch",
    }
    before = await row_counts()
    for code, reason in cases.items():
        r = await _validate(catalogue_api, code, item)
        assert r.status_code == 200, r.text
        assert r.json() == {
            "valid": False,
            "discount": None,
            "reason": reason,
            "subtotal": _money(2000, "USD"),
            "total": _money(2000, "USD"),
        }, code
    assert await row_counts() == before


async def test_validate_takes_no_use(
    catalogue_api: httpx.AsyncClient, db_engine: AsyncEngine
) -> None:
    product = await make_product(catalogue_api)
    code = await make_code(catalogue_api, max_uses=1)
    for _ in range(3):
        r = await _validate(catalogue_api, code["code"], [(product["id"], 1)])
        assert r.json()["valid"] is True
    async with db_engine.connect() as conn:
        uses = await conn.scalar(
            DiscountCode.__table__.select()
            .with_only_columns(DiscountCode.uses)
            .where(DiscountCode.id == code["id"])
        )
    assert uses == 0


async def test_bad_carts_are_422(catalogue_api: httpx.AsyncClient, row_counts: Any) -> None:
    usd = await make_product(catalogue_api, currency="USD")
    eur = await make_product(catalogue_api, currency="EUR")
    gone = await make_product(catalogue_api, active=False)
    code = (await make_code(catalogue_api))["code"]
    item = {"product_id": usd["id"], "quantity": 1}
    cases: dict[str, tuple[Any, str]] = {
        "unknown product": (
            {"code": code, "items": [{"product_id": "prod_x", "quantity": 1}]},
            "unknown_product",
        ),
        "inactive product": (
            {"code": code, "items": [{"product_id": gone["id"], "quantity": 1}]},
            "product_inactive",
        ),
        "mixed currencies": (
            {"code": code, "items": [item, {"product_id": eur["id"], "quantity": 1}]},
            "invalid_cart",
        ),
        "quantity zero": ({"code": code, "items": [{**item, "quantity": 0}]}, "validation_error"),
        "quantity float": (
            {"code": code, "items": [{**item, "quantity": 1.5}]},
            "validation_error",
        ),
        "no items": ({"code": code, "items": []}, "validation_error"),
        "NUL in product id": (
            {"code": code, "items": [{**item, "product_id": "prod_\x00"}]},
            "validation_error",
        ),
        "NUL in code": ({"code": "A\x00", "items": [item]}, "validation_error"),
        "no code": ({"items": [item]}, "validation_error"),
        "unknown field": ({"code": code, "items": [item], "coupon": "x"}, "validation_error"),
    }
    before = await row_counts()
    for name, (body, error_code) in cases.items():
        r = await catalogue_api.post("/v1/discount-codes/validate", json=body)
        assert r.status_code == 422, (name, r.text)
        assert r.json()["error"]["code"] == error_code, name
    assert await row_counts() == before


async def test_concurrent_creates_of_one_code_make_one(
    catalogue_api: httpx.AsyncClient, row_counts: Any
) -> None:
    before = await row_counts()
    body = {"code": unique("RACE"), "percent_off": 20}
    answers = await asyncio.gather(
        *(catalogue_api.post("/v1/discount-codes", json=body, headers=ADMIN) for _ in range(5))
    )
    assert sorted(r.status_code for r in answers) == [201, 409, 409, 409, 409]
    after = await row_counts()
    assert after["discount_codes"] == before["discount_codes"] + 1
