"""Reading fields of an untrusted PSP event payload: a value of the wrong type is absent,
never an exception (the translators decide what an absent field means)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def as_str(value: Any) -> str | None:
    """A non-empty string, else None."""
    return value if isinstance(value, str) and value else None


def as_int(value: Any) -> int | None:
    """An integer (never a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def unix_time(value: Any) -> datetime | None:
    """Unix seconds as an aware UTC datetime; None when absent or out of range."""
    seconds = as_int(value)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
