"""Whether a plan may be subscribed to, and at which gateway."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.subscriptions import Plan
from sagas.gateways.registry import is_configured
from sagas.gateways.traits import traits_of
from sagas.services.plans import get_plan, is_free
from sagas.services.subscriptions.errors import (
    GatewayRequired,
    GatewayUnavailable,
    GatewayUnsupported,
    UnknownPlan,
)
from sagas.settings import Settings


async def active_plan(session: AsyncSession, plan_id: str) -> Plan:
    try:
        plan = await get_plan(session, plan_id)
    except LookupError as err:
        raise UnknownPlan(str(err)) from err
    if not plan.active:
        raise UnknownPlan(f"plan {plan_id} is not active")
    return plan


def gateway_configured(settings: Settings, gateway: str) -> bool:
    return is_configured(settings, gateway)


def check_gateway(settings: Settings, plan: Plan, gateway: str | None) -> None:
    if is_free(plan):
        return
    if gateway is None:
        raise GatewayRequired("a paid plan needs a gateway (stripe or razorpay)")
    if not gateway_configured(settings, gateway):
        raise GatewayUnavailable(f"{gateway} is not configured on this service")
    reason = traits_of(gateway).unsupported_reason(plan.interval, plan.interval_count)
    if reason:
        raise GatewayUnsupported(reason)
