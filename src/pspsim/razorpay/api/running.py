"""What every Razorpay endpoint does around its handler: auth, parameters, and
Razorpay's error body (a 500 for a simulator bug)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from pspsim.razorpay.api.auth import authenticate
from pspsim.razorpay.api.request_params import read_params
from pspsim.razorpay.api.responses import respond
from pspsim.razorpay.errors import RazorpayError
from pspsim.store import render

if TYPE_CHECKING:
    from pspsim.state import Sim


log = logging.getLogger("pspsim.razorpay")


Handler = Callable[["Sim", dict[str, Any], Request], Any]


async def run(request: Request, handler: Handler) -> Response:
    sim: Sim = request.app.state.sim
    try:
        authenticate(request, sim)
        result = handler(sim, await read_params(request), request)
    except RazorpayError as err:
        return respond(err.status, err.body())
    except (KeyError, TypeError, ValueError, AttributeError):
        log.exception("razorpay handler failed")
        failure = RazorpayError("We are facing some trouble", status=500, code="SERVER_ERROR")
        return respond(failure.status, failure.body())
    return respond(200, render(result) if isinstance(result, dict) else result)
