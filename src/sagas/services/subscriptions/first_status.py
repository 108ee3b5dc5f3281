"""A new subscription's first status, with the fields that status sets.

A free plan is ``active`` at once; a paid plan with trial days is ``trialing`` for a
customer who never had a trial; anything else is ``pending_payment`` until the workflow
has created the PSP subscription and seen the first payment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import Plan, Subscription
from sagas.services.plans import is_free
from sagas.services.subscriptions.trials import claim_trial
from sagas.settings import Settings
from sagas.workflows.subscription.messages.status import SubscriptionStatus
from sagas.workflows.subscription.periods import add_interval, scaled_days


async def first_status(
    session: AsyncSession, settings: Settings, sub: Subscription, plan: Plan, now: datetime
) -> SubscriptionStatus:
    """Active (free, first period set), trialing (trial end set) or pending payment."""
    if is_free(plan):
        sub.current_period_start = now
        sub.current_period_end = add_interval(
            now, plan.interval, plan.interval_count, settings.sagas_dev_seconds_per_day
        )
        return SubscriptionStatus.ACTIVE
    if plan.trial_days > 0 and await claim_trial(session, sub.customer_id, sub.id):
        sub.trial_end = now + scaled_days(plan.trial_days, settings.sagas_dev_seconds_per_day)
        return SubscriptionStatus.TRIALING
    return SubscriptionStatus.PENDING_PAYMENT
