"""X-Razorpay-Signature over the raw body, tried with the current then the previous secrets."""

from __future__ import annotations

from collections.abc import Sequence

import razorpay
from razorpay.errors import SignatureVerificationError

from sagas.gateways.event_errors import InvalidSignature

SIGNATURE_HEADER = "x-razorpay-signature"


def verify(payload: bytes, signature: str | None, secrets: Sequence[str]) -> None:
    """Raise :class:`InvalidSignature` unless one secret verifies the raw body."""
    if not signature:
        raise InvalidSignature("missing X-Razorpay-Signature header")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidSignature("body is not UTF-8, it cannot carry a valid signature") from err
    utility = razorpay.Utility()
    for secret in secrets:
        if not secret:
            continue
        try:
            utility.verify_webhook_signature(text, signature, secret)
            return
        except (SignatureVerificationError, TypeError):  # TypeError: non-ASCII signature
            continue
    raise InvalidSignature("X-Razorpay-Signature does not match the body")
