"""Which amounts Razorpay takes in a currency, as its API enforces them.

Razorpay's unit is the ISO 4217 minor unit (exponent from the `iso4217` package, so
JPY and ISK are zero-decimal there and KWD three-decimal); in a three-decimal currency
the last digit must be 0; an order or payment is at least one whole unit of its
currency ("The amount must be at least INR 1.00").
"""

from __future__ import annotations

from iso4217 import Currency

from pspsim.razorpay.errors import RazorpayError, bad_request


def exponent(currency: str) -> int:
    try:
        places = Currency(currency.upper()).exponent
    except ValueError:
        places = None
    if places is None:
        raise bad_request("Currency is not supported", "currency")
    return int(places)


def minimum(currency: str) -> int:
    return int(10 ** exponent(currency))


def check_unit(amount: int, currency: str, *, field: str = "amount") -> None:
    if exponent(currency) == 3 and amount % 10:
        raise bad_request(
            f"The amount in {currency.upper()} must have 0 as its last decimal digit.", field
        )


def check_charge(amount: int, currency: str, *, field: str = "amount") -> None:
    check_unit(amount, currency, field=field)
    if amount < minimum(currency):
        raise too_small(currency, field=field)


def too_small(currency: str, *, field: str = "amount") -> RazorpayError:
    return RazorpayError(
        f"The amount must be at least {currency.upper()} 1.00",
        field=field,
        reason="input_validation_failed",
    )
