"""The error shape, and ``responses=`` for a route's own error statuses.

:func:`error_responses` is for the statuses only a route's code knows, such as a conflict
or a PSP failure (``responses=error_responses(409, 502)``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

DESCRIPTIONS = {
    400: "Bad request: a required header is missing or the request cannot be acted on",
    401: "Missing or unknown bearer key",
    403: "The key's role may not call this route",
    404: "No such resource",
    405: "Method not allowed",
    409: "Conflict with the resource's state or an earlier request",
    413: "Request body too large",
    422: "Invalid request: the offending fields are in `error.details`",
    502: "The payment provider failed",
    503: "A dependency (database, Temporal) is unavailable: retry later",
    504: "The saga did not answer in time: read the resource again later",
}


class ErrorDetail(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. `not_found`")
    message: str = Field(description="human-readable explanation")
    details: Any = Field(default=None, description="structured context, when there is some")
    request_id: str | None = Field(
        default=None, description="the answer's `Request-Id`, to quote when reporting it"
    )


class ErrorOut(BaseModel):
    """Every error answer: ``{"error": {"code", "message", "details"?, "request_id"}}``."""

    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route's own error statuses, each in the error shape."""
    return {s: {"model": ErrorOut, "description": DESCRIPTIONS.get(s, "Error")} for s in statuses}
