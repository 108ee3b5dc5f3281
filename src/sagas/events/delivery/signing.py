"""Standard Webhooks signing through the ``standardwebhooks`` library (no hand-written HMAC).

Secrets are ``whsec_`` + base64 of 32 random bytes. During a rotation both the new and
the previous secret sign, and the header carries both signatures, space-separated: a
receiver that still has either verifies.
"""

from __future__ import annotations

import base64
import secrets
from datetime import datetime

from standardwebhooks.webhooks import Webhook

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature_header(
    *, secrets_in_use: list[str], msg_id: str, timestamp: datetime, body: str
) -> str:
    return " ".join(Webhook(s).sign(msg_id, timestamp, body) for s in secrets_in_use)


def headers(
    *, secrets_in_use: list[str], msg_id: str, timestamp: datetime, body: str
) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature_header(
            secrets_in_use=secrets_in_use, msg_id=msg_id, timestamp=timestamp, body=body
        ),
        "content-type": "application/json",
    }
