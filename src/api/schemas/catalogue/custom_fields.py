"""A product's custom fields as the admin declares them (keys unique)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StrictBool

from sagas.domain.custom_fields import CustomField


class CustomFieldIn(CustomField):
    """A custom field as the admin declares it; ``required`` must be a real bool."""

    model_config = ConfigDict(extra="forbid")
    required: StrictBool = False


CustomFields = Annotated[list[CustomFieldIn], Field(max_length=50)]


def unique_keys(fields: list[CustomFieldIn] | None) -> None:
    keys = [f.key for f in fields or []]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"custom field keys must be unique, repeated: {dupes}")
