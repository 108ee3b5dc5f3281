"""Amounts in Razorpay's unit, and what Razorpay refuses to charge (CONTRACT 11.1).

Pure: no SDK, no I/O. Razorpay's unit is the ISO 4217 minor unit (paise, cents, fils;
JPY and ISK whole), so the conversion is the identity, kept as functions so the adapter
reads the same as Stripe's. Three-decimal amounts must end in 0 ("pass the last decimal
number as 0"); an order is at least one whole unit of its currency ("The amount must be
at least INR 1.00").
"""

from __future__ import annotations

from sagas.domain.money import minor_unit_exponent, normalize_currency

GATEWAY = "razorpay"


def to_razorpay(amount: int, currency: str) -> int:
    normalize_currency(currency)
    return amount


def from_razorpay(amount: int, currency: str) -> int:
    normalize_currency(currency)
    return amount


def unit_problem(amount: int, currency: str) -> str | None:
    code = normalize_currency(currency)
    if minor_unit_exponent(code) == 3 and amount % 10:
        return f"{code} amounts must end in 0 (Razorpay charges three-decimal currencies in tens)"
    return None


def minimum(currency: str) -> int:
    """One whole unit of the currency, in its minor units."""
    return int(10 ** minor_unit_exponent(currency))


def maximum(currency: str) -> int | None:
    """Razorpay's ceiling is per account, not per currency: none here."""
    normalize_currency(currency)
    return None
