"""Which amounts Stripe takes in a currency, as its API enforces them.

Stripe's unit is the ISO 4217 minor unit (exponent from the `iso4217` package) with
special cases: ISK and UGX are zero-decimal but Stripe keeps them two-decimal for
compatibility, so an amount there is times 100 and must be a multiple of 100; in the
three-decimal currencies it takes, the last digit must be 0. Charges have a minimum per
currency (`amount_too_small`) and at most 8 digits (`amount_too_large`).
"""

from __future__ import annotations

from iso4217 import Currency

from pspsim.stripe.errors import StripeError, invalid

TWO_DECIMAL_SPECIAL = frozenset({"isk", "ugx"})
THREE_DECIMAL = frozenset({"bhd", "jod", "kwd", "omr", "tnd"})
MAX_AMOUNT = 99_999_999
# Stripe's published minimum charge amounts, in Stripe's unit; other currencies must be
# worth at least USD 0.50, which without exchange rates the simulator reads as 50 units.
MINIMUMS = {
    "usd": 50, "aed": 200, "aud": 50, "bgn": 100, "brl": 50, "cad": 50, "chf": 50,
    "czk": 1500, "dkk": 250, "eur": 50, "gbp": 30, "hkd": 400, "huf": 17500, "inr": 50,
    "jpy": 50, "mxn": 1000, "myr": 200, "nok": 300, "nzd": 50, "pln": 200, "ron": 200,
    "sek": 300, "sgd": 50, "thb": 1000,
}  # fmt: skip
DEFAULT_MINIMUM = 50


def exponent(currency: str) -> int:
    """Decimal places of `currency` in Stripe's API (a 400 for a currency it has not)."""
    code = currency.lower()
    if code in TWO_DECIMAL_SPECIAL:
        return 2
    try:
        iso = Currency(code.upper()).exponent
    except ValueError:
        iso = None
    if iso is None or (iso == 3 and code not in THREE_DECIMAL):
        raise invalid(f"Invalid currency: {code}.", param="currency")
    return int(iso)


def minimum(currency: str) -> int:
    return MINIMUMS.get(currency.lower(), DEFAULT_MINIMUM)


def check_unit(amount: int, currency: str, *, param: str = "amount") -> None:
    """Refuse an amount Stripe cannot express in `currency` (any amount, prices too)."""
    code = currency.lower()
    exponent(code)
    if code in TWO_DECIMAL_SPECIAL and amount % 100:
        raise invalid(
            f"Invalid amount. Currency {code.upper()} has become effectively zero-decimal and "
            "charged amounts must be evenly divisible by 100. See "
            "https://stripe.com/docs/currencies#special-cases for more information.",
            param=param,
            code="invalid_charge_amount_no_decimal_compatible",
        )
    if code in THREE_DECIMAL and amount % 10:
        raise invalid(
            f"Invalid amount. Amounts in {code.upper()} must end in 0 (the least-significant "
            "digit of a three-decimal currency). See "
            "https://stripe.com/docs/currencies#three-decimal for more information.",
            param=param,
            code="invalid_charge_amount",
        )


def check_charge(amount: int, currency: str, *, param: str = "amount") -> None:
    """Refuse a charge Stripe would refuse: unit, minimum and 8-digit maximum."""
    check_unit(amount, currency, param=param)
    least = minimum(currency)
    if amount < least:
        raise too_small(currency, param=param)
    if amount > MAX_AMOUNT:
        raise invalid("Amount must be no more than 8 digits", param=param, code="amount_too_large")


def too_small(currency: str, *, param: str = "amount") -> StripeError:
    code = currency.lower()
    places = exponent(code)
    least = minimum(code)
    shown = f"{least / 10**places:.{places}f}" if places else str(least)
    return invalid(f"Amount must be at least {shown} {code}", param=param, code="amount_too_small")
