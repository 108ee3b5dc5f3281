"""A PSP's webhook secrets during a rotation: the current one, then the previous ones
(a comma-separated setting) still honoured until every sender has moved on."""

from __future__ import annotations

from pydantic import SecretStr


def rotation(current: SecretStr, previous: str) -> list[str]:
    """The current secret first, then each non-empty previous one."""
    return [current.get_secret_value(), *(p.strip() for p in previous.split(",") if p.strip())]
