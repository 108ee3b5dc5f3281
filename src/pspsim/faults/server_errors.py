"""A simulated 5xx in each PSP's own body, so its SDK raises what it would raise in
production (`stripe.APIError`, `razorpay.errors.ServerError`)."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from pspsim.faults.refusals import refusal


def server_error(path: str, status: int = 500) -> Response:
    if status < 500:
        return refusal(path, status)
    if path.startswith("/razorpay"):
        body: dict[str, Any] = {
            "error": {
                "code": "SERVER_ERROR",
                "description": "The server encountered an error. The incident has been reported.",
                "source": "NA",
                "step": "NA",
                "reason": "NA",
                "metadata": {},
                "field": None,
            }
        }
        return Response(json.dumps(body), status_code=status, media_type="application/json")
    body = {
        "error": {
            "type": "api_error",
            "message": "An unknown error occurred (simulated fault).",
        }
    }
    return Response(
        json.dumps(body),
        status_code=status,
        media_type="application/json",
        headers={"Stripe-Should-Retry": "true"},
    )
