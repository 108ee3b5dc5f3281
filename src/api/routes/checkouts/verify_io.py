"""The Razorpay callback's body in, and the verify outcome out."""

from __future__ import annotations

import re

from fastapi import Request
from pydantic import ValidationError

from api.errors import ApiError
from api.schemas.checkouts import RazorpayVerifyIn, RazorpayVerifyOut
from sagas.workflows.checkout import VerifyResult

SIGNATURE = re.compile(r"[0-9a-fA-F]{64}")  # HMAC-SHA256 in hex; ASCII only


async def verify_body(raw: Request) -> RazorpayVerifyIn:
    """The callback body, extra keys ignored; a signature that is not 64 hex characters
    (non-ASCII included) is a 400 ``invalid_signature``, as a wrong one is."""
    try:
        body = RazorpayVerifyIn.model_validate_json(await raw.body())
    except ValidationError as err:
        details = [
            {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in err.errors()
        ]
        raise ApiError(422, "validation_error", "request is invalid", details) from err
    if not SIGNATURE.fullmatch(body.razorpay_signature):
        raise ApiError(400, "invalid_signature", "razorpay_signature must be 64 hex characters")
    return body


def verify_answer(checkout_id: str, result: VerifyResult) -> RazorpayVerifyOut:
    """paid / pending answer 200; a payment the gate refused is 400; a closed checkout 409."""
    if result.outcome == "rejected":
        raise ApiError(
            400,
            "payment_rejected",
            result.detail or "payment not accepted",
            {"reason": result.reason, "status": result.stage},
        )
    if result.outcome == "closed":
        raise ApiError(
            409, "checkout_closed", f"checkout is {result.stage}", {"reason": result.reason}
        )
    return RazorpayVerifyOut(checkout_id=checkout_id, outcome=result.outcome, status=result.stage)
