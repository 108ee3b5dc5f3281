"""Razorpay's basic auth: the key id and secret."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING

from starlette.requests import Request

from pspsim.razorpay.errors import RazorpayError

if TYPE_CHECKING:
    from pspsim.state import Sim


def authenticate(request: Request, sim: Sim) -> None:
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
