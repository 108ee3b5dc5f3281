"""Whether a bearer token is a checkout's own client token."""

from __future__ import annotations

import hmac

from sagas.db.models.checkouts import Checkout
from sagas.services.checkouts.tokens import token_hash


def client_token_ok(co: Checkout, token: str) -> bool:
    return hmac.compare_digest(token_hash(token), co.client_token_hash)
