"""A Stripe JSON answer, with the `Request-Id` header the SDK turns into
`error.request_id` and the API version it speaks."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.responses import Response

if TYPE_CHECKING:
    pass


API_VERSION = "2026-10-28.endive"


def json_response(status: int, body: dict[str, Any], request_id: str, **headers: str) -> Response:
    return Response(
        json.dumps(body),
        status_code=status,
        media_type="application/json",
        headers={"Request-Id": request_id, "Stripe-Version": API_VERSION, **headers},
    )
