"""A Razorpay JSON answer."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.responses import Response

if TYPE_CHECKING:
    pass


def respond(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status_code=status, media_type="application/json")
