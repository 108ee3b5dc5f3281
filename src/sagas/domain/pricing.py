"""Cart pricing on the server, from the catalogue: subtotal (gross), discount, total (net).

Rounding rule for percent discounts: the discount is ``floor(subtotal * percent / 100)``
in minor units of the cart's currency, computed once on the whole subtotal (not per line).
It rounds toward the merchant, so a "15 % off" never takes off more than 15 %, and it is the
same for currencies with no minor unit (15 % of 1001 JPY is 150 JPY). In the
three-decimal currencies it then rounds down to a multiple of 10 (their chargeable step,
:func:`~sagas.domain.money.charge_step`), so a total of prices ending in 0 still ends in 0.
A fixed discount is capped at the subtotal, so the total is never negative.
"""

from __future__ import annotations

from dataclasses import dataclass

from sagas.domain.money import CurrencyError, Money, charge_step


class PricingError(ValueError):
    """A cart that cannot be priced: empty, mixed currencies, or a bad quantity."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class CartLine:
    product_id: str
    unit_price: Money
    quantity: int


@dataclass(frozen=True, slots=True)
class Discount:
    """``percent_off`` (1..100) or ``amount_off``; exactly one is set."""

    percent_off: int | None = None
    amount_off: Money | None = None

    def __post_init__(self) -> None:
        if (self.percent_off is None) == (self.amount_off is None):
            raise ValueError("a discount has exactly one of percent_off and amount_off")
        if self.percent_off is not None and not 0 < self.percent_off <= 100:
            raise ValueError("percent_off must be between 1 and 100")
        if self.amount_off is not None and self.amount_off.amount <= 0:
            raise ValueError("amount_off must be positive")


@dataclass(frozen=True, slots=True)
class CartTotals:
    subtotal: Money
    discount: Money
    total: Money


def cart_subtotal(lines: list[CartLine]) -> Money:
    if not lines:
        raise PricingError("empty_cart", "a cart needs at least one item")
    currency = lines[0].unit_price.currency
    total = Money.zero(currency)
    for line in lines:
        if line.quantity < 1:
            raise PricingError("invalid_quantity", f"quantity of {line.product_id} must be >= 1")
        if line.unit_price.currency != currency:
            raise PricingError(
                "mixed_currencies",
                f"cart mixes {currency} and {line.unit_price.currency}",
            )
        total = total + line.unit_price * line.quantity
    return total


def discount_amount(subtotal: Money, discount: Discount | None) -> Money:
    if discount is None:
        return Money.zero(subtotal.currency)
    if discount.percent_off is not None:
        off = subtotal.amount * discount.percent_off // 100
        return Money(off - off % charge_step(subtotal.currency), subtotal.currency)
    assert discount.amount_off is not None
    if discount.amount_off.currency != subtotal.currency:
        raise CurrencyError(
            f"discount is in {discount.amount_off.currency}, cart is in {subtotal.currency}"
        )
    return discount.amount_off.min(subtotal)


def price_cart(lines: list[CartLine], discount: Discount | None = None) -> CartTotals:
    subtotal = cart_subtotal(lines)
    off = discount_amount(subtotal, discount)
    return CartTotals(subtotal=subtotal, discount=off, total=subtotal - off)
