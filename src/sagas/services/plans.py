"""Subscription plans: admins create them; subscriptions read them.

A plan's price and period never change once created (a subscription bills what it was
sold at); its PSP price/plan ids are filled in lazily by the subscription activities.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.subscriptions import Plan
from sagas.domain.money import Money
from sagas.gateways import units
from sagas.gateways.units import AmountRefused
from sagas.services.errors import ServiceError


class PlanNotChargeable(ServiceError, ValueError):
    """A paid plan's price no gateway could charge each period (unit or minimum)."""

    def __init__(self, problem: AmountRefused) -> None:
        super().__init__(
            problem.reason,
            {"field": "price", "minimum": problem.minimum},
            status=422,
            code=problem.code,
        )
        self.problem = problem


def check_price(price: Money) -> None:
    """A paid plan is charged as it is every period: some gateway must take it whole."""
    if price.amount == 0:
        return
    problems = [units.charge_problem(gateway, price) for gateway in units.GATEWAYS]
    if all(problems):
        raise PlanNotChargeable(next(p for p in problems if p is not None))


class PlanNotFound(ServiceError, LookupError):
    status, code = 404, "not_found"

    def __init__(self, plan_id: str) -> None:
        super().__init__(f"plan {plan_id} does not exist")
        self.plan_id = plan_id


async def create_plan(
    session: AsyncSession,
    *,
    name: str,
    price: Money,
    interval: str,
    interval_count: int,
    trial_days: int,
) -> Plan:
    check_price(price)
    plan = Plan(
        id=new_id("plan"),
        name=name,
        price_minor=price.amount,
        currency=price.currency,
        interval=interval,
        interval_count=interval_count,
        trial_days=trial_days,
        active=True,
    )
    session.add(plan)
    await session.flush()
    return plan


async def get_plan(session: AsyncSession, plan_id: str) -> Plan:
    plan = await session.get(Plan, plan_id)
    if plan is None:
        raise PlanNotFound(plan_id)
    return plan


def is_free(plan: Plan) -> bool:
    return plan.price_minor == 0
