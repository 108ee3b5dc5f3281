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

from api.deps import enforce_route_auth
from api.error_shape import STATUS_CODES, ApiError, error_body, error_response, from_service
from api.openapi.operations import documented_methods
from sagas.services.errors import ServiceError

log = logging.getLogger("api.errors")

__all__ = [
    "STATUS_CODES",
    "ApiError",
    "error_body",
    "error_response",
    "from_service",
    "install_error_handlers",
]


def _clean_validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        item = {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        out.append(item)
    return out


def _allowed(request: Request) -> str:
    """Every method the path answers (Starlette's own ``Allow`` names one route's only)."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    methods = documented_methods(request.app, path) if isinstance(path, str) else []
    return ", ".join(methods)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(ServiceError)
    async def _service_error(_: Request, exc: ServiceError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": _allowed(request)}
        return error_response(exc.status_code, code, message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
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
