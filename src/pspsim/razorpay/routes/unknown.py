"""Razorpay's own 404 body for any path the simulator does not serve; mounted last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.razorpay.api.responses import respond
from pspsim.razorpay.errors import RazorpayError

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.api_route("/{path:path}", methods=["GET", "POST", "DELETE", "PUT", "PATCH"])
async def unknown_route(request: Request, path: str) -> Response:
    err = RazorpayError("The requested URL was not found on the server.", status=404)
    return respond(err.status, err.body())
