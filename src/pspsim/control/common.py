"""Shared plumbing of the control routes: JSON bodies and PSP errors as answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pspsim.razorpay.errors import RazorpayError
from pspsim.stripe.errors import StripeError

if TYPE_CHECKING:
    from pspsim.state import Sim

OUTCOMES = ("succeed", "decline")


class ControlError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


async def body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise ControlError("body must be JSON") from None
    if not isinstance(data, dict):
        raise ControlError("body must be a JSON object")
    return data


def outcome(data: dict[str, Any], allowed: tuple[str, ...] = OUTCOMES) -> str:
    value = data.get("outcome", "succeed")
    aliases = {"success": "succeed", "fail": "decline", "failed": "decline"}
    value = aliases.get(value, value)
    if value not in allowed:
        raise ControlError(f"outcome must be one of {list(allowed)}")
    return str(value)


async def control(
    request: Request, action: Callable[[Sim, dict[str, Any]], dict[str, Any]]
) -> Response:
    """Run a control action; PSP errors come back with the PSP's body and status."""
    sim: Sim = request.app.state.sim
    try:
        data = await body(request)
        return JSONResponse(action(sim, data))
    except ControlError as err:
        return JSONResponse({"error": {"message": str(err)}}, status_code=err.status)
    except StripeError as err:
        return JSONResponse(err.body(), status_code=err.status if err.status != 402 else 400)
    except RazorpayError as err:
        return JSONResponse(err.body(), status_code=err.status)
