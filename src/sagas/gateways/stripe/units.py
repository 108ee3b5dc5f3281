"""Amounts in Stripe's unit, and what Stripe refuses to charge (CONTRACT 11.1).

Pure: no SDK, no I/O. The product keeps ISO 4217 minor units; Stripe's unit is the
same except for its special cases, so every amount sent to Stripe goes through
:func:`to_stripe` and every amount read back through :func:`from_stripe`:

- ISK and UGX are zero-decimal in ISO 4217 but two-decimal in Stripe's API (kept for
  compatibility), so they are sent times 100 and Stripe refuses anything not a multiple
  of 100 there;
- in the three-decimal currencies Stripe takes (BHD, JOD, KWD, OMR, TND) the last digit
  must be 0; IQD and LYD it does not take at all;
- a charge must reach Stripe's minimum for its currency (``amount_too_small``) and have at
  most 8 digits in Stripe's unit.
"""

from __future__ import annotations

from sagas.domain.money import minor_unit_exponent, normalize_currency

GATEWAY = "stripe"
TIMES_100 = frozenset({"ISK", "UGX"})
THREE_DECIMAL = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})
MAX_AMOUNT = 99_999_999
# Stripe's published minimum charge per currency, in Stripe's unit. Elsewhere Stripe asks
# for the equivalent of USD 0.50, which needs an exchange rate; 50 units stands in for it.
MINIMUMS = {
    "USD": 50, "AED": 200, "AUD": 50, "BGN": 100, "BRL": 50, "CAD": 50, "CHF": 50,
    "CZK": 1500, "DKK": 250, "EUR": 50, "GBP": 30, "HKD": 400, "HUF": 17500, "INR": 50,
    "JPY": 50, "MXN": 1000, "MYR": 200, "NOK": 300, "NZD": 50, "PLN": 200, "RON": 200,
    "SEK": 300, "SGD": 50, "THB": 1000,
}  # fmt: skip
DEFAULT_MINIMUM = 50


def factor(currency: str) -> int:
    return 100 if normalize_currency(currency) in TIMES_100 else 1


def to_stripe(amount: int, currency: str) -> int:
    """ISO minor units -> Stripe's unit (5000 ISK -> 500000)."""
    return amount * factor(currency)


def from_stripe(amount: int, currency: str) -> int:
    """Stripe's unit -> ISO minor units; an amount Stripe holds in a fraction of a
    whole ISK/UGX (older charges) rounds down, never up."""
    return amount // factor(currency)


def unit_problem(amount: int, currency: str) -> str | None:
    """Why Stripe could not express ``amount`` (ISO minor units) in ``currency``, or None."""
    code = normalize_currency(currency)
    if minor_unit_exponent(code) == 3 and code not in THREE_DECIMAL:
        return f"Stripe does not charge in {code}"
    if code in THREE_DECIMAL and amount % 10:
        return f"{code} amounts must end in 0 (Stripe charges three-decimal currencies in tens)"
    return None


def minimum(currency: str) -> int:
    """Stripe's minimum charge in ISO minor units (rounded up)."""
    code = normalize_currency(currency)
    least = MINIMUMS.get(code, DEFAULT_MINIMUM)
    return -(-least // factor(code))


def maximum(currency: str) -> int:
    return MAX_AMOUNT // factor(currency)
