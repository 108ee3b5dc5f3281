"""Timestamps: ISO 8601 text with an offset, never a number, never naive."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BeforeValidator


def _not_a_number(value: Any) -> Any:
    """Refuse ``0.5`` or ``1700000000``: pydantic would read them as Unix times."""
    if isinstance(value, int | float) or (
        isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+(\.\d*)?\s*", value)
    ):
        raise ValueError("expected an ISO 8601 timestamp, not a number")
    return value


IsoDatetime = Annotated[datetime, BeforeValidator(_not_a_number)]
"""A datetime given only as ISO 8601 text (the schema's ``date-time``), never a number."""

Timestamp = AwareDatetime
"""ISO 8601 with an offset; naive timestamps are rejected (we never guess a time zone)."""
