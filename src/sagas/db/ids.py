"""Prefixed random ids for our own records (``co_…``, ``ord_…``). Never used in workflows."""

from __future__ import annotations

import secrets


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"
