"""Bearer-key auth with roles (``service``, ``admin``) from ``SAGAS_API_KEYS``.

Keys are compared in constant time. A missing or unknown key is 401; a known key whose
role may not call the route is 403. A checkout's ``client_token`` is handled by the
checkout routes, which accept it for that one checkout only.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from fastapi import Request

from api.error_shape import ApiError
from sagas.settings import Role, Settings


@dataclass(frozen=True)
class Principal:
    role: Role | None  # None: a bearer token that is not an API key (maybe a client_token)
    token: str


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


class KeyRing:
    def __init__(self, settings: Settings) -> None:
        self._keys = [(_digest(key), role) for role, key in settings.api_keys()]

    def role_for(self, token: str) -> Role | None:
        probe = _digest(token)
        found = None
        for digest, role in self._keys:
            if hmac.compare_digest(digest, probe):
                found = role
        return found


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate(request: Request, *, allow_unknown_token: bool = False) -> Principal:
    token = bearer_token(request)
    if token is None:
        raise ApiError(401, "unauthenticated", "missing bearer token")
    keyring: KeyRing = request.app.state.keyring
    role = keyring.role_for(token)
    if role is None and not allow_unknown_token:
        raise ApiError(401, "unauthenticated", "invalid credentials")
    return Principal(role=role, token=token)


def require(request: Request, *roles: Role) -> Principal:
    principal = authenticate(request)
    if principal.role not in roles:
        raise ApiError(
            403, "forbidden", f"this route needs role {' or '.join(r.value for r in roles)}"
        )
    return principal
