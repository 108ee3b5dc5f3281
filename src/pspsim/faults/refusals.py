"""A 4xx the PSP answers when it refuses a call outright (not retryable), in each PSP's
own error body."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response


def refusal(path: str, status: int) -> Response:
    """A 4xx the PSP answers when it refuses a call outright (not retryable)."""
    if path.startswith("/razorpay"):
        body: dict[str, Any] = {
            "error": {
                "code": "BAD_REQUEST_ERROR",
                "description": "The request was refused (simulated fault).",
                "source": "NA",
                "step": "NA",
                "reason": "NA",
                "metadata": {},
                "field": None,
            }
        }
    else:
        body = {
            "error": {
                "type": "invalid_request_error",
                "message": "The request was refused (simulated fault).",
            }
        }
    return Response(json.dumps(body), status_code=status, media_type="application/json")
