"""A customer's one free trial.

The unique ``subscription_trial_usages.customer_id`` row is taken in the opening
transaction, so two concurrent requests cannot both get one.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import TrialUsage


async def claim_trial(session: AsyncSession, customer_id: str, subscription_id: str) -> bool:
    """Take the customer's one trial; False if it was ever taken (also concurrently)."""
    if await session.get(TrialUsage, customer_id) is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(TrialUsage(customer_id=customer_id, subscription_id=subscription_id))
    except IntegrityError:
        return False
    return True
