"""Cart pricing and the rounding rule for percent discounts (floor, once, on the subtotal).

The property-style cases draw carts from a seeded generator (reproducible, bounded) and
check the invariants: the discount never exceeds the percentage, is within one chargeable
step (a minor unit; ten in the three-decimal currencies) of the exact value, and
subtotal = discount + total with nothing negative.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from sagas.domain.money import CurrencyError, Money, charge_step
from sagas.domain.pricing import CartLine, Discount, PricingError, discount_amount, price_cart


def line(price: int, currency: str = "USD", quantity: int = 1, pid: str = "p") -> CartLine:
    return CartLine(product_id=pid, unit_price=Money(price, currency), quantity=quantity)


def test_subtotal_sums_lines_times_quantities() -> None:
    totals = price_cart([line(1000, quantity=2), line(250, quantity=3)])
    assert (totals.subtotal, totals.discount, totals.total) == (
        Money(2750, "USD"),
        Money(0, "USD"),
        Money(2750, "USD"),
    )


@pytest.mark.parametrize(
    ("lines", "percent", "expected"),
    [
        ([line(999)], 15, 149),  # 149.85 -> 149
        ([line(1001, "JPY")], 15, 150),  # no minor unit: 150.15 yen -> 150 yen
        ([line(99, "JPY")], 1, 0),  # 0.99 yen -> nothing
        ([line(1999, "KWD")], 10, 190),  # three decimals: 199.9 fils -> 190 (a ten)
        ([line(333, "KWD", quantity=3)], 33, 320),  # 329.67 fils -> 320
        ([line(1, "USD")], 99, 0),
        ([line(5000)], 100, 5000),
    ],
)
def test_percent_discount_floors_on_the_subtotal(
    lines: list[CartLine], percent: int, expected: int
) -> None:
    totals = price_cart(lines, Discount(percent_off=percent))
    assert totals.discount.amount == expected
    assert totals.total.amount == totals.subtotal.amount - expected


def test_percent_is_taken_once_on_the_subtotal_not_per_line() -> None:
    # Per line: floor(0.5) * 3 = 0. On the subtotal: floor(1.5) = 1.
    totals = price_cart(
        [line(5, pid="a"), line(5, pid="b"), line(5, pid="c")], Discount(percent_off=10)
    )
    assert totals.discount == Money(1, "USD")


def test_fixed_discount_is_capped_at_the_subtotal() -> None:
    assert price_cart([line(300)], Discount(amount_off=Money(500, "USD"))).total == Money(0, "USD")
    partial = price_cart([line(300)], Discount(amount_off=Money(120, "USD")))
    assert (partial.discount, partial.total) == (Money(120, "USD"), Money(180, "USD"))


def test_fixed_discount_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyError):
        discount_amount(Money(1000, "USD"), Discount(amount_off=Money(100, "EUR")))


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([], "empty_cart"),
        ([line(100, quantity=0)], "invalid_quantity"),
        ([line(100, quantity=-1)], "invalid_quantity"),
        ([line(100, "USD"), line(100, "EUR", pid="q")], "mixed_currencies"),
    ],
)
def test_unpriceable_carts(lines: list[CartLine], code: str) -> None:
    with pytest.raises(PricingError) as err:
        price_cart(lines)
    assert err.value.code == code


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"percent_off": 0},
        {"percent_off": 101},
        {"amount_off": Money(0, "USD")},
        {"percent_off": 10, "amount_off": Money(1, "USD")},
    ],
)
def test_malformed_discounts_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Discount(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("currency", ["USD", "JPY", "KWD", "INR", "CLP", "BHD"])
def test_rounding_invariants_over_random_carts(currency: str) -> None:
    rng = random.Random(f"pricing-{currency}")
    for _ in range(500):
        lines = [
            line(rng.randint(0, 10**7), currency, rng.randint(1, 50), pid=str(i))
            for i in range(rng.randint(1, 6))
        ]
        percent = rng.randint(1, 100)
        totals = price_cart(lines, Discount(percent_off=percent))
        exact = Fraction(totals.subtotal.amount * percent, 100)
        step = charge_step(currency)
        assert totals.discount.amount <= exact < totals.discount.amount + step
        assert totals.discount.amount % step == 0
        assert totals.subtotal == totals.discount + totals.total
        assert totals.total.amount >= 0 and totals.discount.currency == currency

        off = rng.randint(1, 10**8)
        fixed = price_cart(lines, Discount(amount_off=Money(off, currency)))
        assert fixed.discount.amount == min(off, fixed.subtotal.amount)
        assert fixed.total.amount == max(fixed.subtotal.amount - off, 0)
