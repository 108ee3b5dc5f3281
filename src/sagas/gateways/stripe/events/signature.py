"""Stripe-Signature verification through the SDK, against every configured secret."""

from __future__ import annotations

from collections.abc import Sequence

import stripe

from sagas.gateways.event_errors import InvalidSignature

TOLERANCE_S = 300


SIGNATURE_HEADER = "stripe-signature"


REQUEST_ID_HEADER = "request-id"


def verify(
    payload: bytes, header: str | None, secrets: Sequence[str], *, tolerance: int = TOLERANCE_S
) -> None:
    """Raise :class:`InvalidSignature` unless one secret verifies the header."""
    if not header:
        raise InvalidSignature("missing Stripe-Signature header")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidSignature("body is not UTF-8, it cannot carry a valid signature") from err
    reason = "no webhook secret configured"
    for secret in secrets:
        if not secret:
            continue
        try:
            stripe.WebhookSignature.verify_header(text, header, secret, tolerance)
            return
        except stripe.SignatureVerificationError as err:
            reason = str(err.user_message or err)
        except (ValueError, IndexError, TypeError) as err:  # unparsable or non-ASCII header
            reason = f"unparsable Stripe-Signature header: {err}"
    raise InvalidSignature(reason)
