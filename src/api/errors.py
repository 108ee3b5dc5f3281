"""The single error shape: ``{"error": {"code", "message", "details"?}}``, for every failure.

Validation errors are 422 with the offending fields in ``details``; an unavailable
dependency (database, Temporal) is 503 so callers retry; nothing is allowed to surface as
a bare 500 with a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from temporalio.service import RPCError

log = logging.getLogger("api.errors")

_STATUS_CODES = {
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


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _clean_validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        item = {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        out.append(item)
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        from api.deps import enforce_route_auth  # lazy: api.deps imports this module

        try:
            enforce_route_auth(request)  # credentials are checked before the body
        except ApiError as auth_error:
            return error_response(auth_error.status, auth_error.code, auth_error.message)
        return error_response(
            422, "validation_error", "request is invalid", _clean_validation_errors(exc)
        )

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def _db_unavailable(_: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable: %s", exc)
        return error_response(
            503,
            "service_unavailable",
            "database unavailable, retry later",
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(RPCError)
    async def _temporal_unavailable(_: Request, exc: RPCError) -> JSONResponse:
        log.warning("temporal error: %s", exc)
        return error_response(
            503,
            "service_unavailable",
            "workflow service unavailable, retry later",
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Last resort: logged with its traceback, answered in the error shape.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "internal error")
