"""Money crosses the API as an integer of minor units plus an ISO 4217 currency.

:data:`MinorUnits` is strict: ``12.5``, ``12.0``, ``"12"`` and ``true`` are all 422,
because an amount that was ever a float or a string has already been guessed at.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from api.schemas.common.bases import Output
from sagas.domain.money import SUPPORTED_CURRENCIES, Money, normalize_currency

MinorUnits = Annotated[
    int,
    Field(strict=True, ge=0, le=10**15, description="integer amount in minor units"),
]
"""A non-negative integer amount of minor units (cents, paise; yen for JPY; fils for KWD)."""

PositiveMinorUnits = Annotated[
    int,
    Field(strict=True, gt=0, le=10**15, description="positive integer amount in minor units"),
]

CurrencyCode = Annotated[
    str,
    Field(
        min_length=3,
        max_length=3,
        description="ISO 4217 code, e.g. USD, JPY, KWD (upper or lower case)",
        # The schema lists exactly what the validator accepts, so a generated client
        # (or a fuzzer) never sends a code that is schema-valid yet refused.
        json_schema_extra={
            "enum": sorted(SUPPORTED_CURRENCIES) + sorted(c.lower() for c in SUPPORTED_CURRENCIES)
        },
    ),
    AfterValidator(normalize_currency),
]
"""An ISO 4217 code the product supports, normalised to upper case; others are 422."""


class MoneyOut(Output):
    amount: int = Field(description="integer minor units")
    currency: str

    @classmethod
    def of(cls, money: Money) -> MoneyOut:
        return cls(amount=money.amount, currency=money.currency)
