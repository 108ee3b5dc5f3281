"""The single error shape every failure answers with: ``{"error": {"code", "message",
"details"?}}``, and :class:`ApiError`, which a route (or the auth layer) raises to give it.
A leaf module: the handlers that install it live in :mod:`api.errors`."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from sagas.observability import logs
from sagas.services.errors import ServiceError

STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    502: "gateway_error",
    503: "service_unavailable",
}


class ApiError(Exception):
    """Raise from a route to answer ``status`` with a stable machine-readable ``code``."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def from_service(err: ServiceError) -> ApiError:
    """The API answer for a service's refusal: its own status, code, message, details."""
    return ApiError(err.status, err.code, err.message, err.details)


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The error shape; ``request_id`` is the current request's (see api.request_context)."""
    err: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        err["details"] = details
    request_id = logs.current("request_id")
    if request_id:
        err["request_id"] = request_id
    return {"error": err}


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)
