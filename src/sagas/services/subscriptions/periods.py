"""Recording a subscription's billing period, once per period index."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import Subscription, SubscriptionPeriod
from sagas.workflows.subscription.messages.transitions import PeriodRecord


async def record_period(session: AsyncSession, sub: Subscription, p: PeriodRecord) -> bool:
    """Move the row to period ``p`` and add its period row; True when that is a renewal."""
    sub.current_period_start, sub.current_period_end = p.start, p.end
    sub.period_index = p.period_index
    exists = await session.execute(
        select(SubscriptionPeriod.id).where(
            SubscriptionPeriod.subscription_id == sub.id,
            SubscriptionPeriod.period_index == p.period_index,
        )
    )
    if exists.first() is not None:
        return False
    session.add(
        SubscriptionPeriod(
            subscription_id=sub.id,
            period_index=p.period_index,
            period_start=p.start,
            period_end=p.end,
            amount_minor=p.amount_minor,
            currency=p.currency,
            payment_ref=p.payment_ref,
        )
    )
    return p.period_index > 0
