"""The same ``Idempotency-Key`` with the same body answers the same subscription."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import Subscription
from sagas.services import idempotency
from sagas.services.subscriptions.errors import IdempotencyConflict
from sagas.services.subscriptions.records import by_key


def fingerprint(customer_id: str, plan_id: str, gateway: str | None) -> str:
    return idempotency.fingerprint(
        {"customer_id": customer_id, "plan_id": plan_id, "gateway": gateway}
    )


async def replayed(session: AsyncSession, key: str, digest: str) -> Subscription | None:
    """The subscription this key opened (None: none); another body is a 409."""
    existing = await by_key(session, key)
    if existing is not None and existing.request_fingerprint != digest:
        raise IdempotencyConflict("this Idempotency-Key was used with another request")
    return existing
