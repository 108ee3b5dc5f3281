"""Catalogue request/response bodies: products, discount codes, the discount quote.

Inputs are strict (unknown fields, floats or strings for amounts, ``"yes"`` for a bool:
all 422). Validation that needs the database (unknown category or product, duplicate
code) lives in :mod:`sagas.services.catalogue`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StrictBool, model_validator

from api.schemas.common import (
    CurrencyCode,
    MinorUnits,
    MoneyOut,
    Output,
    PositiveMinorUnits,
    StrictInput,
    Timestamp,
)
from sagas.domain.custom_fields import CustomField

Name = Annotated[str, Field(min_length=1, max_length=200)]
Category = Annotated[
    str,
    Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"),
]
Code = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$",
        description="case-sensitive: SUMMER10 and summer10 are two codes",
    ),
]
ProductId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_\-]+$")]


class CustomFieldIn(CustomField):
    """A custom field as the admin declares it; ``required`` must be a real bool."""

    model_config = ConfigDict(extra="forbid")
    required: StrictBool = False


CustomFields = Annotated[list[CustomFieldIn], Field(max_length=50)]


def _unique_keys(fields: list[CustomFieldIn] | None) -> None:
    keys = [f.key for f in fields or []]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"custom field keys must be unique, repeated: {dupes}")


class ProductCreate(StrictInput):
    name: Name
    price: MinorUnits
    currency: CurrencyCode
    category: Category
    custom_fields: CustomFields = Field(default_factory=list)
    active: StrictBool = True

    @model_validator(mode="after")
    def _keys(self) -> ProductCreate:
        _unique_keys(self.custom_fields)
        return self


class ProductUpdate(StrictInput):
    """Only the fields sent change; ``null`` is refused (no field here is nullable)."""

    name: Name | None = None
    price: MinorUnits | None = None
    currency: CurrencyCode | None = None
    category: Category | None = None
    custom_fields: CustomFields | None = None
    active: StrictBool | None = None

    @model_validator(mode="after")
    def _sent_fields(self) -> ProductUpdate:
        if not self.model_fields_set:
            raise ValueError("nothing to update: send at least one field")
        nulls = sorted(k for k in self.model_fields_set if getattr(self, k) is None)
        if nulls:
            raise ValueError(f"fields cannot be null: {nulls}")
        _unique_keys(self.custom_fields)
        return self

    def changes(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.model_fields_set}


class ProductOut(Output):
    id: str
    name: str
    price: int = Field(description="integer minor units")
    currency: str
    category: str
    custom_fields: list[CustomField]
    active: bool
    created_at: datetime
    updated_at: datetime


class DiscountCodeCreate(StrictInput):
    """Exactly one of ``percent_off`` (1..100) and ``amount_off`` (with its ``currency``)."""

    code: Code
    percent_off: Annotated[int, Field(strict=True, ge=1, le=100)] | None = None
    amount_off: PositiveMinorUnits | None = None
    currency: CurrencyCode | None = None
    max_uses: Annotated[int, Field(strict=True, ge=1, le=10**9)] | None = None
    expires_at: Timestamp | None = None
    active: StrictBool = True

    @model_validator(mode="after")
    def _one_kind(self) -> DiscountCodeCreate:
        if (self.percent_off is None) == (self.amount_off is None):
            raise ValueError("send exactly one of percent_off and amount_off")
        if self.amount_off is not None and self.currency is None:
            raise ValueError("amount_off needs a currency")
        if self.percent_off is not None and self.currency is not None:
            raise ValueError("currency only applies to amount_off")
        return self


class DiscountCodeOut(Output):
    id: str
    code: str
    percent_off: int | None
    amount_off: int | None = Field(description="integer minor units, with currency")
    currency: str | None
    max_uses: int | None
    uses: int = Field(description="uses held by open checkouts or consumed by paid ones")
    expires_at: datetime | None
    active: bool
    created_at: datetime


class CartItemIn(StrictInput):
    product_id: ProductId
    quantity: Annotated[int, Field(strict=True, ge=1, le=10_000)]


class DiscountValidateRequest(StrictInput):
    code: Code
    items: Annotated[list[CartItemIn], Field(min_length=1, max_length=100)]


class DiscountValidateResponse(Output):
    """``valid`` with the ``discount`` it would take off, or the ``reason`` it would not.

    ``reason`` is one of ``unknown_code``, ``inactive``, ``expired``, ``max_uses_reached``,
    ``currency_mismatch``. When invalid, ``total`` equals ``subtotal``.
    """

    valid: bool
    discount: MoneyOut | None
    reason: str | None
    subtotal: MoneyOut
    total: MoneyOut
