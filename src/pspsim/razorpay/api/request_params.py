"""A Razorpay call's parameters: the JSON body, or the query string for GET."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from pspsim.razorpay.errors import RazorpayError

if TYPE_CHECKING:
    pass


async def read_params(request: Request) -> dict[str, Any]:
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
