"""Money: integer minor units with a currency; floats and cross-currency arithmetic refused."""

from __future__ import annotations

import pytest

from sagas.domain.money import CurrencyError, Money, minor_unit_exponent, normalize_currency


def test_amounts_are_integers_only() -> None:
    assert Money(1250, "usd") == Money(1250, "USD")
    for bad in (12.5, 12.0, "12", True, None):
        with pytest.raises(TypeError):
            Money(bad, "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["XXX", "US", "", "dollars", "EURO"])
def test_unknown_currencies_are_refused(code: str) -> None:
    with pytest.raises(CurrencyError):
        Money(1, code)


def test_non_string_currency_is_refused() -> None:
    with pytest.raises(CurrencyError):
        normalize_currency(840)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("currency", "exponent"),
    [
        ("USD", 2),
        ("INR", 2),
        ("eur", 2),
        ("JPY", 0),
        ("KRW", 0),
        ("CLP", 0),
        ("KWD", 3),
        ("BHD", 3),
    ],
)
def test_minor_unit_exponents(currency: str, exponent: int) -> None:
    assert minor_unit_exponent(currency) == exponent


def test_arithmetic_stays_in_one_currency() -> None:
    a, b = Money(150, "USD"), Money(50, "USD")
    assert a + b == Money(200, "USD")
    assert a - b == Money(100, "USD")
    assert b * 3 == Money(150, "USD")
    assert b < a and b <= b and a.min(b) == b
    with pytest.raises(CurrencyError):
        a + Money(1, "EUR")
    with pytest.raises(CurrencyError):
        _ = a < Money(1, "JPY")
    with pytest.raises(TypeError):
        _ = a * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = a * True


@pytest.mark.parametrize(
    ("money", "shown"),
    [
        (Money(1234, "USD"), "12.34 USD"),
        (Money(5, "USD"), "0.05 USD"),
        (Money(-1234, "EUR"), "-12.34 EUR"),
        (Money(1000, "JPY"), "1000 JPY"),
        (Money(1234, "KWD"), "1.234 KWD"),
        (Money(0, "KWD"), "0.000 KWD"),
    ],
)
def test_format_uses_the_currency_exponent(money: Money, shown: str) -> None:
    assert money.format() == shown
