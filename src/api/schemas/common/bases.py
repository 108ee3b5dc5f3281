"""Base models for request bodies (strict) and response bodies.

Request bodies derive from :class:`StrictInput`: an unknown field is a 422, never
silently ignored (a typo in ``percent_of`` must not create a code with no discount), and
so is a NUL character in any text of the body, which PostgreSQL cannot store (it would
otherwise fail the request's transaction and answer 503).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from api.schemas.common.swaps import refuse_bool_number_swaps


class StrictInput(BaseModel):
    """Base for request bodies: unknown fields are rejected, and so are bool/number swaps."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_swaps(cls, data: Any) -> Any:
        if not _nul_free(data):
            raise ValueError("text must not contain NUL (U+0000) characters")
        return refuse_bool_number_swaps(cls, data)


def _nul_free(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, dict):
        return all(_nul_free(k) and _nul_free(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_nul_free(v) for v in value)
    return True


class Output(BaseModel):
    """Base for response bodies (built from ORM rows or domain objects)."""

    model_config = ConfigDict(from_attributes=True)
