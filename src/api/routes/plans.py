"""``POST /v1/plans``: admins create subscription plans (CONTRACT section 3)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep
from api.schemas.subscriptions import PlanCreate, PlanOut
from sagas.db.models.subscriptions import Plan
from sagas.domain.money import Money
from sagas.services import plans

router = APIRouter(prefix="/v1/plans", tags=["subscriptions"])


def plan_out(plan: Plan) -> PlanOut:
    return PlanOut(
        id=plan.id,
        name=plan.name,
        price=plan.price_minor,
        currency=plan.currency,
        interval=plan.interval,
        interval_count=plan.interval_count,
        trial_days=plan.trial_days,
        free=plans.is_free(plan),
        active=plan.active,
        created_at=plan.created_at,
    )


@router.post("", status_code=201, summary="Create a subscription plan (admin)")
async def create_plan(_: AdminOnly, body: PlanCreate, session: SessionDep) -> PlanOut:
    plan = await plans.create_plan(
        session,
        name=body.name,
        price=Money(body.price, body.currency),
        interval=body.interval,
        interval_count=body.interval_count,
        trial_days=body.trial_days,
    )
    await session.commit()
    return plan_out(plan)
