"""Finding a subscription row: by id, or by the Idempotency-Key that opened it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import Subscription
from sagas.services.subscriptions.errors import SubscriptionNotFound


async def by_key(session: AsyncSession, key: str) -> Subscription | None:
    found = await session.execute(select(Subscription).where(Subscription.idempotency_key == key))
    return found.scalar_one_or_none()


async def get_subscription(session: AsyncSession, subscription_id: str) -> Subscription:
    sub = await session.get(Subscription, subscription_id)
    if sub is None:
        raise SubscriptionNotFound(f"subscription {subscription_id} does not exist")
    return sub
