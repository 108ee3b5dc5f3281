"""A product's custom fields and the validation of a buyer's ``custom_data`` against them."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    SELECT = "select"


class CustomField(BaseModel):
    key: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")
    label: str = Field(min_length=1, max_length=200)
    type: FieldType
    required: bool = False
    options: list[str] | None = None

    @model_validator(mode="after")
    def _options_only_for_select(self) -> CustomField:
        if self.type is FieldType.SELECT:
            if not self.options:
                raise ValueError(f"select field {self.key!r} needs at least one option")
            if len(set(self.options)) != len(self.options):
                raise ValueError(f"select field {self.key!r} has duplicate options")
        elif self.options:
            raise ValueError(f"field {self.key!r} of type {self.type} cannot have options")
        return self


class CustomDataError(BaseModel):
    """One problem with one key of ``custom_data``; ``code`` is stable for clients."""

    key: str
    code: str  # missing_required | wrong_type | invalid_option | unknown_field
    message: str


def validate_custom_data(
    fields: list[CustomField], data: dict[str, Any] | None
) -> list[CustomDataError]:
    """Every problem with ``data`` for a product with ``fields``; empty when valid."""
    data = data or {}
    by_key = {f.key: f for f in fields}
    errors: list[CustomDataError] = []
    for key in sorted(set(data) - set(by_key)):
        errors.append(
            CustomDataError(key=key, code="unknown_field", message=f"unknown field {key!r}")
        )
    for field in fields:
        if field.key not in data or data[field.key] is None or data[field.key] == "":
            if field.required:
                errors.append(
                    CustomDataError(
                        key=field.key,
                        code="missing_required",
                        message=f"{field.label} is required",
                    )
                )
            continue
        value = data[field.key]
        if field.type is FieldType.NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                errors.append(
                    CustomDataError(
                        key=field.key, code="wrong_type", message=f"{field.label} must be a number"
                    )
                )
        elif not isinstance(value, str):
            errors.append(
                CustomDataError(
                    key=field.key, code="wrong_type", message=f"{field.label} must be a string"
                )
            )
        elif field.type is FieldType.SELECT and value not in (field.options or []):
            errors.append(
                CustomDataError(
                    key=field.key,
                    code="invalid_option",
                    message=f"{field.label} must be one of {field.options}",
                )
            )
    return errors
