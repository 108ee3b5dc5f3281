"""Shared API shapes: strict money inputs, currency codes, the page envelope, cursors."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from api.errors import ApiError
from api.schemas.catalogue.discount_codes import DiscountCodeCreate
from api.schemas.catalogue.product_in import ProductUpdate
from api.schemas.common.bases import StrictInput
from api.schemas.common.money import CurrencyCode, MinorUnits, MoneyOut
from api.schemas.common.pages import Page, decode_cursor, encode_cursor
from sagas.domain.money import Money


class Priced(StrictInput):
    amount: MinorUnits
    currency: CurrencyCode


@pytest.mark.parametrize(
    "raw",
    [
        {"amount": 12.5, "currency": "USD"},
        {"amount": 12.0, "currency": "USD"},
        {"amount": "12", "currency": "USD"},
        {"amount": True, "currency": "USD"},
        {"amount": -1, "currency": "USD"},
        {"amount": 10**16, "currency": "USD"},
        {"amount": 1, "currency": "DOLLARS"},
        {"amount": 1, "currency": "XXX"},
        {"amount": 1, "currency": "USD", "extra": 1},
    ],
)
def test_money_inputs_are_strict(raw: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Priced.model_validate(raw)


def test_currency_is_normalised() -> None:
    assert Priced.model_validate({"amount": 0, "currency": "jpy"}).currency == "JPY"


def test_money_out_and_page_shapes() -> None:
    page = Page[MoneyOut](data=[MoneyOut.of(Money(5, "KWD"))], next_cursor="c", has_more=True)
    assert page.model_dump() == {
        "data": [{"amount": 5, "currency": "KWD"}],
        "next_cursor": "c",
        "has_more": True,
    }


def test_cursor_round_trip_and_tampering() -> None:
    cursor = encode_cursor("2030-01-01T00:00:00+00:00", "prod_1")
    assert decode_cursor(cursor, arity=2) == ["2030-01-01T00:00:00+00:00", "prod_1"]
    for bad in ("!!!", "bm90IGpzb24", encode_cursor("only-one")):
        with pytest.raises(ApiError) as err:
            decode_cursor(bad, arity=2)
        assert err.value.status == 422


def test_patch_tracks_only_sent_fields() -> None:
    assert ProductUpdate.model_validate({"price": 0}).changes() == {"price": 0}
    for bad in ({}, {"name": None}, {"price": 1.0}):
        with pytest.raises(ValidationError):
            ProductUpdate.model_validate(bad)


def test_discount_code_kinds() -> None:
    ok = DiscountCodeCreate.model_validate({"code": "A", "amount_off": 5, "currency": "kwd"})
    assert (ok.amount_off, ok.currency, ok.percent_off) == (5, "KWD", None)
    with pytest.raises(ValidationError):
        DiscountCodeCreate.model_validate({"code": "A", "percent_off": 5, "amount_off": 5})


CHECKOUT = {
    "customer_id": "cust_1",
    "customer_email": "a@example.com",
    "items": [{"product_id": "prod_1", "quantity": 1}],
    "gateway": "stripe",
    "flow": "payment_intent",
}


@pytest.mark.parametrize(
    "change",
    [
        {"items": [{"product_id": "prod_\x00", "quantity": 1}]},
        {"customer_id": "cust\x00"},
        {"metadata": {"note": "a\x00b"}},
        {"metadata": {"k\x00": "v"}},
    ],
    ids=["item", "field", "map value", "map key"],
)
def test_a_nul_anywhere_in_a_body_is_a_validation_error(change: dict[str, Any]) -> None:
    """PostgreSQL cannot store U+0000: refused as bad input, never sent to the database."""
    from api.schemas.checkouts import CheckoutCreate

    CheckoutCreate.model_validate(CHECKOUT)  # the body itself is fine
    with pytest.raises(ValidationError, match="NUL"):
        CheckoutCreate.model_validate({**CHECKOUT, **change})
