"""Stripe's own 404 body for any path the simulator does not serve; mounted last."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.api.responses import json_response

router = APIRouter()


@router.api_route("/{path:path}", methods=["GET", "POST", "DELETE", "PUT", "PATCH"])
async def unknown_route(request: Request, path: str) -> Response:
    body = {
        "error": {
            "type": "invalid_request_error",
            "message": f"Unrecognized request URL ({request.method}: /{path}). Please see "
            "https://stripe.com/docs or we can help at https://support.stripe.com/.",
        }
    }
    return json_response(404, body, "req_" + request.app.state.sim.ids.token(14))
