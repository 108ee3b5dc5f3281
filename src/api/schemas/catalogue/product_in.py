"""Product request bodies: strict (unknown fields, floats or strings for amounts, ``"yes"``
for a bool: all 422)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictBool, model_validator

from api.schemas.catalogue.custom_fields import CustomFields, unique_keys
from api.schemas.catalogue.fields import Category, Name
from api.schemas.common.bases import StrictInput
from api.schemas.common.money import CurrencyCode, MinorUnits


class ProductCreate(StrictInput):
    name: Name
    price: MinorUnits
    currency: CurrencyCode
    category: Category
    custom_fields: CustomFields = Field(default_factory=list)
    active: StrictBool = True

    @model_validator(mode="after")
    def _keys(self) -> ProductCreate:
        unique_keys(self.custom_fields)
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
        unique_keys(self.custom_fields)
        return self

    def changes(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.model_fields_set}
