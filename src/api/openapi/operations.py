"""The app's operations as the OpenAPI document lists them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

_HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def documented_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the OpenAPI document lists for ``path`` (for a 405's ``Allow``)."""
    methods = app.openapi().get("paths", {}).get(path, {})
    return sorted(m.upper() for m in methods if m in _HTTP_METHODS)


def operations(app: FastAPI) -> Iterator[tuple[str, str, Dependant]]:
    """(path template, method, dependant) of every API route, app-level dependencies in.

    FastAPI 0.130+ keeps included routers as such; ``iter_route_contexts`` flattens them.
    """
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: routes are flat
        contexts: list[Any] = [r for r in app.routes if isinstance(r, APIRoute)]
    else:
        contexts = [
            c for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)
        ]
    for ctx in contexts:
        if not ctx.include_in_schema:
            continue
        for method in ctx.methods or ():
            yield ctx.path_format, method.lower(), ctx.dependant
