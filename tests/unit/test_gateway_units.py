"""Amounts in each PSP's unit (CONTRACT 11.1): conversions, validation and the percent
rounding, as properties over every ISO 4217 currency the product accepts (Hypothesis)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagas.domain.money import SUPPORTED_CURRENCIES, Money, charge_step, minor_unit_exponent
from sagas.domain.pricing import CartLine, Discount, price_cart
from sagas.gateways import units
from sagas.gateways.razorpay import units as rzp
from sagas.gateways.stripe import units as stripe

currencies = st.sampled_from(sorted(SUPPORTED_CURRENCIES))
amounts = st.integers(min_value=0, max_value=10**9)


def test_iso_data_comes_from_the_library() -> None:
    assert {c: minor_unit_exponent(c) for c in ("ISK", "UGX", "JPY", "USD", "KWD", "TND")} == {
        "ISK": 0, "UGX": 0, "JPY": 0, "USD": 2, "KWD": 3, "TND": 3,
    }  # fmt: skip
    assert len(SUPPORTED_CURRENCIES) > 150 and "XAU" not in SUPPORTED_CURRENCIES


def test_stripe_special_cases() -> None:
    assert stripe.to_stripe(5000, "ISK") == 500000
    assert stripe.to_stripe(5000, "UGX") == 500000
    assert stripe.to_stripe(5000, "JPY") == 5000
    assert stripe.from_stripe(500050, "isk") == 5000  # a fractional krona rounds down
    assert stripe.unit_problem(12345, "KWD") is not None
    assert stripe.unit_problem(12340, "KWD") is None
    assert stripe.unit_problem(1000, "IQD") == "Stripe does not charge in IQD"
    assert (stripe.minimum("USD"), stripe.minimum("GBP"), stripe.minimum("HKD")) == (50, 30, 400)
    assert stripe.minimum("ISK") == 1 and stripe.maximum("ISK") == 999_999


@given(currencies, amounts)
def test_stripe_round_trip_and_unit(currency: str, amount: int) -> None:
    sent = stripe.to_stripe(amount, currency)
    assert stripe.from_stripe(sent, currency) == amount
    if currency in ("ISK", "UGX"):
        assert sent % 100 == 0  # always whole units, as Stripe demands
    else:
        assert sent == amount
    problem = stripe.unit_problem(amount, currency)
    if minor_unit_exponent(currency) == 3:
        ok = currency in stripe.THREE_DECIMAL and amount % 10 == 0
        assert (problem is None) == ok
    else:
        assert problem is None


@given(currencies, amounts)
def test_razorpay_is_iso_units(currency: str, amount: int) -> None:
    assert rzp.from_razorpay(rzp.to_razorpay(amount, currency), currency) == amount
    assert (rzp.unit_problem(amount, currency) is None) == (amount % charge_step(currency) == 0)
    assert rzp.minimum(currency) == 10 ** minor_unit_exponent(currency)


@given(st.sampled_from(units.GATEWAYS), currencies, amounts)
def test_charge_problem_agrees_with_the_rules(gateway: str, currency: str, amount: int) -> None:
    rules = units.units_of(gateway)
    problem = units.charge_problem(gateway, Money(amount, currency))
    maximum = rules.maximum(currency)
    expected_ok = (
        rules.unit_problem(amount, currency) is None
        and amount >= rules.minimum(currency)
        and (maximum is None or amount <= maximum)
    )
    assert (problem is None) == expected_ok
    if problem is not None and amount < rules.minimum(currency):
        assert problem.code in ("amount_too_small", "amount_not_chargeable")
    assert units.from_psp(gateway, units.to_psp(gateway, Money(amount, currency)), currency) == (
        Money(amount, currency)
    )


@settings(max_examples=300)
@given(
    currencies,
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 20)), min_size=1, max_size=5),
    st.integers(1, 100),
)
def test_percent_discount_keeps_totals_chargeable(
    currency: str, raw: list[tuple[int, int]], percent: int
) -> None:
    step = charge_step(currency)
    lines = [
        CartLine(str(i), Money(price - price % step, currency), qty)
        for i, (price, qty) in enumerate(raw)
    ]
    totals = price_cart(lines, Discount(percent_off=percent))
    exact = Fraction(totals.subtotal.amount * percent, 100)
    assert totals.discount.amount <= exact < totals.discount.amount + step
    assert totals.discount.amount % step == 0 and totals.total.amount % step == 0
    assert totals.subtotal == totals.discount + totals.total
    assert units.price_problem(totals.total) is None or currency in ("IQD", "LYD")


@pytest.mark.parametrize(
    ("gateway", "money", "code"),
    [
        ("stripe", Money(49, "USD"), "amount_too_small"),
        ("stripe", Money(50, "USD"), None),
        ("stripe", Money(1, "ISK"), None),
        ("stripe", Money(12345, "KWD"), "amount_not_chargeable"),
        ("stripe", Money(1_000_000, "ISK"), "amount_too_large"),
        ("razorpay", Money(99, "INR"), "amount_too_small"),
        ("razorpay", Money(1000, "KWD"), None),
        ("razorpay", Money(1005, "KWD"), "amount_not_chargeable"),
    ],
)
def test_charge_problems(gateway: str, money: Money, code: str | None) -> None:
    problem = units.charge_problem(gateway, money)
    assert (problem.code if problem else None) == code


def test_price_problem_needs_one_gateway_that_can() -> None:
    assert units.price_problem(Money(1005, "KWD")) is not None
    assert units.price_problem(Money(1000, "KWD")) is None
    assert units.price_problem(Money(1000, "IQD")) is None  # Razorpay can
    assert units.price_problem(Money(1000, "IQD"), ("stripe",)) is not None
