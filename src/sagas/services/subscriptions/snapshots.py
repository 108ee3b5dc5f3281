"""What the subscription workflow reads of its row, its plan and the settings."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import Plan
from sagas.gateways.traits import traits_of
from sagas.services.plans import get_plan
from sagas.services.subscriptions.records import get_subscription
from sagas.settings import Settings
from sagas.workflows.subscription.messages.snapshot import Snapshot
from sagas.workflows.subscription.messages.status import SubscriptionStatus


def plan_ref(plan: Plan, gateway: str | None) -> str | None:
    """The plan's price / plan id at ``gateway`` (None: not created there yet)."""
    field = traits_of(gateway).plan_ref_field
    return getattr(plan, field) if field else None


async def snapshot(session: AsyncSession, settings: Settings, subscription_id: str) -> Snapshot:
    sub = await get_subscription(session, subscription_id)
    plan = await get_plan(session, sub.plan_id)
    return Snapshot(
        subscription_id=sub.id,
        customer_id=sub.customer_id,
        plan_id=plan.id,
        gateway=sub.gateway,
        status=SubscriptionStatus(sub.status),
        price_minor=sub.price_minor,
        currency=sub.currency,
        interval=plan.interval,
        interval_count=plan.interval_count,
        gateway_subscription_id=sub.gateway_subscription_id,
        current_period_start=sub.current_period_start,
        current_period_end=sub.current_period_end,
        trial_end=sub.trial_end,
        cancel_at_period_end=sub.cancel_at_period_end,
        poll_interval_s=settings.psp_poll_interval_s,
        payment_deadline_s=settings.subscription_payment_deadline_s,
        dunning_schedule_s=settings.dunning_schedule(),
        gateway_plan_ref=plan_ref(plan, sub.gateway),
        grace_until=sub.grace_until,
    )
