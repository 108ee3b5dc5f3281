"""Shapes every resource's schemas reuse: strict inputs, money, timestamps, pages.

- Request bodies derive from :class:`StrictInput`: an unknown field is a 422, never
  silently ignored (a typo in ``percent_of`` must not create a code with no discount).
- Money crosses the API as an integer of minor units plus an ISO 4217 currency.
  :data:`MinorUnits` is strict: ``12.5``, ``12.0``, ``"12"`` and ``true`` are all 422,
  because an amount that was ever a float or a string has already been guessed at.
- Lists answer the :class:`Page` envelope ``{"data": [...], "next_cursor", "has_more"}``;
  a cursor is opaque to clients (:func:`encode_cursor` / :func:`decode_cursor`).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from api.errors import ApiError
from sagas.domain.money import Money, normalize_currency

T = TypeVar("T")


class StrictInput(BaseModel):
    """Base for request bodies: unknown fields are rejected."""

    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    """Base for response bodies (built from ORM rows or domain objects)."""

    model_config = ConfigDict(from_attributes=True)


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
    Field(min_length=3, max_length=3, description="ISO 4217 code, e.g. USD, JPY, KWD"),
    AfterValidator(normalize_currency),
]
"""An ISO 4217 code the product supports, normalised to upper case; others are 422."""

Timestamp = AwareDatetime
"""ISO 8601 with an offset; naive timestamps are rejected (we never guess a time zone)."""


class MoneyOut(Output):
    amount: int = Field(description="integer minor units")
    currency: str

    @classmethod
    def of(cls, money: Money) -> MoneyOut:
        return cls(amount=money.amount, currency=money.currency)


class Page(BaseModel, Generic[T]):
    """A page of a list; pass ``next_cursor`` back as ``cursor`` for the next page."""

    data: list[T]
    next_cursor: str | None = None
    has_more: bool = False


PageLimit = Annotated[int, Field(ge=1, le=200, description="page size")]


def encode_cursor(*parts: Any) -> str:
    """An opaque cursor from JSON-serialisable keyset values (e.g. created_at iso, id)."""
    raw = json.dumps(list(parts), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, arity: int) -> list[Any]:
    """The values :func:`encode_cursor` packed; a tampered or foreign cursor is a 422."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        parts = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError) as err:
        raise ApiError(422, "validation_error", "invalid cursor") from err
    if not isinstance(parts, list) or len(parts) != arity:
        raise ApiError(422, "validation_error", "invalid cursor")
    return parts
