"""One ASGI middleware for what every request gets: a ``Request-Id``, a metric, a log context.

- ``Request-Id`` on every answer: the caller's ``Request-Id`` (or ``X-Request-Id``) when it
  is 1 to 128 characters of ``[A-Za-z0-9._:-]``, else a new one. It is bound to the request's
  log lines and written into error bodies as ``error.request_id``.
- ``sagas_http_requests_total{route,method,status}`` and the latency histogram, labelled by
  the route *template* (``/v1/checkouts/{checkout_id}``), never the raw path.
- An exception nothing else answered becomes the 500 error shape here, so even that answer
  carries its request id (and the traceback goes to the log, not to the caller).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.error_shape import error_response
from sagas.observability import logs
from sagas.observability.metrics import HTTP_LATENCY, HTTP_REQUESTS, UNMATCHED_ROUTE

log = logging.getLogger("api.requests")
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_HEADERS = (b"request-id", b"x-request-id")


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The caller's id when it is acceptable, else a fresh one."""
    given = dict(headers)
    for name in _HEADERS:
        raw = given.get(name)
        if raw is None:
            continue
        value = raw.decode("latin-1")
        if _VALID_ID.fullmatch(value):
            return value
    return f"req_{uuid.uuid4().hex}"


_PATH_IDS = ("checkout_id", "order_id")


async def bind_path_ids(request: Request) -> None:
    """App-wide dependency: a route's ``checkout_id`` / ``order_id`` join its log lines.

    The middleware's reset at the end of the request also drops these.
    """
    ids = {k: str(v) for k, v in request.path_params.items() if k in _PATH_IDS}
    if ids:
        logs.set_fields(**ids)


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope.get("headers", []))
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"request-id"
                ]
                headers.append((b"request-id", request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        token = logs.set_fields(request_id=request_id)
        began = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), route_template(scope))
            if started:
                raise
            await _internal_error(scope, receive, send_with_id)
        finally:
            _observe(scope, status, time.perf_counter() - began)
            logs.reset(token)


async def _internal_error(scope: Scope, receive: Receive, send: Send) -> None:
    response = error_response(500, "internal_error", "internal error")
    await response(scope, receive, send)


def _observe(scope: Scope, status: int, elapsed: float) -> None:
    route = route_template(scope)
    method: Any = scope.get("method", "")
    HTTP_REQUESTS.labels(route, method, str(status)).inc()
    HTTP_LATENCY.labels(route, method).observe(elapsed)
