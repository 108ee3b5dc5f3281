"""The feature gate: which plans a customer may use right now.

Only ``active`` and ``trialing`` subscriptions grant a plan, plus a ``past_due`` one
while its grace lasts (until the first dunning retry, ``grace_until``). ``pending_payment``,
``expired`` and ``cancelled`` never do. Read from the rows the workflow writes, so the
gate answers even when Temporal is down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import Plan, Subscription

GRANTING = ("active", "trialing")


@dataclass(frozen=True)
class Entitlement:
    plan_id: str
    plan_name: str
    subscription_id: str
    status: str
    until: datetime | None  # the end of what was paid for (or the trial, or the grace)


async def entitlements(session: AsyncSession, customer_id: str, now: datetime) -> list[Entitlement]:
    rows = await session.execute(
        select(Subscription, Plan)
        .join(Plan, Plan.id == Subscription.plan_id)
        .where(
            Subscription.customer_id == customer_id,
            or_(
                Subscription.status.in_(GRANTING),
                and_(Subscription.status == "past_due", Subscription.grace_until > now),
            ),
        )
        .order_by(Subscription.created_at, Subscription.id)
    )
    found: list[Entitlement] = []
    for sub, plan in rows.all():
        until = {
            "trialing": sub.trial_end,
            "past_due": sub.grace_until,
        }.get(sub.status, sub.current_period_end)
        found.append(Entitlement(plan.id, plan.name, sub.id, sub.status, until))
    return found
