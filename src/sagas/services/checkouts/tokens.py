"""The payer's client token: handed out once, stored only as its hash."""

from __future__ import annotations

import hashlib
import secrets


def new_client_token() -> str:
    return "ct_" + secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
