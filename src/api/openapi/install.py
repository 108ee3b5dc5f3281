"""``app.openapi`` with the implied statuses and the error shape added to every route."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.openapi.errors import DESCRIPTIONS
from api.openapi.implied import implied_statuses
from api.openapi.operations import operations
from api.openapi.shapes import require_headers, use_error_shape


def install_openapi(app: FastAPI) -> None:
    """Replace ``app.openapi`` with one that adds the implied statuses and error shapes."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        paths = schema.get("paths", {})
        for path, method, dependant in operations(app):
            operation = paths.get(path, {}).get(method)
            if operation is None:
                continue
            require_headers(operation)
            answers = operation.setdefault("responses", {})
            for status in sorted(implied_statuses(dependant)):
                answers.setdefault(str(status), {"description": DESCRIPTIONS[status]})
        use_error_shape(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
