"""What every Razorpay endpoint does around its handler: basic auth with the key id and
secret, JSON decoding (query string for GET), Razorpay's error body.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from pspsim.razorpay.errors import RazorpayError
from pspsim.store import Obj, render

if TYPE_CHECKING:
    from pspsim.state import Sim

log = logging.getLogger("pspsim.razorpay")

Handler = Callable[["Sim", dict[str, Any], Request], Any]


def respond(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status_code=status, media_type="application/json")


def _authenticate(request: Request, sim: Sim) -> None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        key_id, _, secret = base64.b64decode(token).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        key_id = secret = ""
    cfg = sim.config
    if scheme.lower() != "basic" or (key_id, secret) != (
        cfg.razorpay_key_id,
        cfg.razorpay_key_secret,
    ):
        raise RazorpayError("Authentication failed", status=401)


async def _params(request: Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query_params)
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise RazorpayError("The request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise RazorpayError("The request body must be a JSON object")
    return data


async def run(request: Request, handler: Handler) -> Response:
    sim: Sim = request.app.state.sim
    try:
        _authenticate(request, sim)
        result = handler(sim, await _params(request), request)
    except RazorpayError as err:
        return respond(err.status, err.body())
    except (KeyError, TypeError, ValueError, AttributeError):
        log.exception("razorpay handler failed")
        failure = RazorpayError("We are facing some trouble", status=500, code="SERVER_ERROR")
        return respond(failure.status, failure.body())
    return respond(200, render(result) if isinstance(result, dict) else result)


def collection(items: list[Obj]) -> Obj:
    return {"entity": "collection", "count": len(items), "items": [render(i) for i in items]}


def notes(value: Any) -> Any:
    """Razorpay answers an empty `notes` as `[]`, a filled one as an object."""
    if not value:
        return []
    if not isinstance(value, dict) or len(value) > 15:
        raise RazorpayError("notes should be an object of at most 15 keys", field="notes")
    for key, item in value.items():
        if len(str(item)) > 256:
            raise RazorpayError(f"notes.{key} must be at most 256 characters", field="notes")
    return dict(value)


def req_int(params: dict[str, Any], name: str) -> int:
    value = params.get(name)
    if value is None or value == "":
        raise RazorpayError(f"The {name} field is required.", field=name)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RazorpayError(f"The {name} must be an integer.", field=name) from None
