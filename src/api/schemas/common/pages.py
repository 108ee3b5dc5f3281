"""Lists answer the :class:`Page` envelope ``{"data": [...], "next_cursor", "has_more"}``.

A cursor is opaque to clients (:func:`encode_cursor` / :func:`decode_cursor`); every list
pages by (a timestamp, an id) and reads its cursor back with :func:`after_cursor`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, Field

from api.errors import ApiError

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list; pass ``next_cursor`` back as ``cursor`` for the next page."""

    data: list[T]
    next_cursor: str | None = None
    has_more: bool = False


_ID = re.compile(r"[A-Za-z0-9_\-]{1,40}")

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


def after_cursor(cursor: str) -> tuple[datetime, str]:
    """The (timestamp, id) keyset of a list's cursor, checked before it reaches a query."""
    at, last_id = decode_cursor(cursor, arity=2)
    try:
        when = datetime.fromisoformat(str(at))
    except ValueError as err:
        raise ApiError(422, "validation_error", "invalid cursor") from err
    if when.tzinfo is None or not isinstance(last_id, str) or not _ID.fullmatch(last_id):
        raise ApiError(422, "validation_error", "invalid cursor")
    return when, last_id
