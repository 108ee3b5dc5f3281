"""The same ``Idempotency-Key`` and body answer the same checkout."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.checkouts import Checkout
from sagas.services import idempotency


def fingerprint(body: dict[str, Any]) -> str:
    """The checkout request's fingerprint (the whole canonical body)."""
    return idempotency.fingerprint(body, compact=True)


async def by_idempotency_key(session: AsyncSession, key: str) -> Checkout | None:
    found: Checkout | None = await session.scalar(
        select(Checkout).where(Checkout.idempotency_key == key)
    )
    return found
