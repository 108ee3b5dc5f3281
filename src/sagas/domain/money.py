"""Money as an integer amount of minor units with an ISO 4217 currency.

Floats are refused at construction: a float cannot hold 0.1 exactly, and an amount that
was ever a float has already lost the cent a reconciliation will look for.
"""

from __future__ import annotations

from dataclasses import dataclass

from iso4217 import Currency

# ISO 4217 currencies with a minor unit of 0, 2 or 3 decimals, from the maintained
# `iso4217` package (not a hand table): metals, SDR and test codes have none and are refused.
_EXPONENTS: dict[str, int] = {
    c.code: int(c.exponent) for c in Currency if c.exponent is not None and c.exponent <= 3
}
SUPPORTED_CURRENCIES = frozenset(_EXPONENTS)


class CurrencyError(ValueError):
    """An unknown currency code, or arithmetic across two currencies."""


def normalize_currency(code: str) -> str:
    """Upper-case and validate an ISO 4217 code; raise :class:`CurrencyError` if unknown."""
    if not isinstance(code, str):
        raise CurrencyError("currency must be a string")
    upper = code.strip().upper()
    if upper not in SUPPORTED_CURRENCIES:
        raise CurrencyError(f"unsupported currency {code!r}")
    return upper


def minor_unit_exponent(currency: str) -> int:
    """How many decimal places the currency's minor unit has (JPY 0, USD 2, KWD 3)."""
    return _EXPONENTS[normalize_currency(currency)]


def charge_step(currency: str) -> int:
    """The smallest step a chargeable amount moves in, in minor units: 10 for the
    three-decimal currencies (card networks and the PSPs want their last digit 0), else 1."""
    return 10 if minor_unit_exponent(currency) == 3 else 1


@dataclass(frozen=True, slots=True)
class Money:
    amount: int
    currency: str

    def __post_init__(self) -> None:
        # bool is an int subclass; True dollars is a bug, not an amount.
        if not isinstance(self.amount, int) or isinstance(self.amount, bool):
            raise TypeError(f"Money amount must be an int of minor units, got {self.amount!r}")
        object.__setattr__(self, "currency", normalize_currency(self.currency))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int) -> Money:
        if not isinstance(factor, int) or isinstance(factor, bool):
            raise TypeError("Money can only be multiplied by an int")
        return Money(self.amount * factor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def min(self, other: Money) -> Money:
        self._same(other)
        return self if self.amount <= other.amount else other

    def format(self) -> str:
        """Human display only (``12.34 USD``); never parse this back."""
        exp = minor_unit_exponent(self.currency)
        sign = "-" if self.amount < 0 else ""
        whole, frac = divmod(abs(self.amount), 10**exp) if exp else (abs(self.amount), 0)
        body = f"{whole}.{frac:0{exp}d}" if exp else str(whole)
        return f"{sign}{body} {self.currency}"
