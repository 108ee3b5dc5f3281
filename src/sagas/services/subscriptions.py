"""Opening subscriptions and writing their transitions, in the caller's transaction.

``open_subscription`` decides the first status: a free plan is ``active`` at once; a paid
plan with trial days is ``trialing`` for a customer who never had a trial (the unique
``subscription_trial_usages.customer_id`` row is taken in the same transaction, so two
concurrent requests cannot both get one); anything else is ``pending_payment`` until the
workflow has created the PSP subscription and seen the first payment.

The same ``Idempotency-Key`` with the same body answers the same subscription; with
another body it is a :class:`IdempotencyConflict` (409).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.subscriptions import Plan, Subscription, SubscriptionPeriod, TrialUsage
from sagas.services.plans import get_plan, is_free
from sagas.settings import Settings
from sagas.workflows.subscription.models import (
    Snapshot,
    SubscriptionInput,
    SubscriptionStatus,
    Transition,
)
from sagas.workflows.subscription.periods import add_interval, scaled_days


class SubscriptionError(Exception):
    code = "subscription_error"
    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownPlan(SubscriptionError):
    code = "unknown_plan"


class GatewayRequired(SubscriptionError):
    code = "gateway_required"


class GatewayUnsupported(SubscriptionError):
    code = "gateway_unsupported"


class GatewayUnavailable(SubscriptionError):
    code = "gateway_not_configured"
    status = 503


class IdempotencyConflict(SubscriptionError):
    code = "idempotency_conflict"
    status = 409


class SubscriptionNotFound(SubscriptionError):
    code = "not_found"
    status = 404


@dataclass(frozen=True)
class Opened:
    subscription: Subscription
    created: bool


def workflow_id_for(subscription_id: str) -> str:
    return f"subscription-{subscription_id}"


def workflow_input(subscription_id: str, settings: Settings) -> SubscriptionInput:
    """The first run's input: the time scale is fixed here, once, for the whole life."""
    return SubscriptionInput(
        subscription_id=subscription_id, seconds_per_day=settings.sagas_dev_seconds_per_day
    )


def fingerprint(customer_id: str, plan_id: str, gateway: str | None) -> str:
    body = json.dumps(
        {"customer_id": customer_id, "plan_id": plan_id, "gateway": gateway}, sort_keys=True
    )
    return hashlib.sha256(body.encode()).hexdigest()


def gateway_configured(settings: Settings, gateway: str) -> bool:
    return settings.stripe_configured if gateway == "stripe" else settings.razorpay_configured


async def by_key(session: AsyncSession, key: str) -> Subscription | None:
    found = await session.execute(select(Subscription).where(Subscription.idempotency_key == key))
    return found.scalar_one_or_none()


async def get_subscription(session: AsyncSession, subscription_id: str) -> Subscription:
    sub = await session.get(Subscription, subscription_id)
    if sub is None:
        raise SubscriptionNotFound(f"subscription {subscription_id} does not exist")
    return sub


async def open_subscription(
    session: AsyncSession,
    settings: Settings,
    *,
    idempotency_key: str,
    customer_id: str,
    plan_id: str,
    gateway: str | None,
    now: datetime,
) -> Opened:
    """Validate, then insert the row (and the trial use); the caller commits."""
    digest = fingerprint(customer_id, plan_id, gateway)
    existing = await by_key(session, idempotency_key)
    if existing is not None:
        if existing.request_fingerprint != digest:
            raise IdempotencyConflict("this Idempotency-Key was used with another request")
        return Opened(existing, created=False)
    try:
        plan = await get_plan(session, plan_id)
    except LookupError as err:
        raise UnknownPlan(str(err)) from err
    if not plan.active:
        raise UnknownPlan(f"plan {plan_id} is not active")
    _check_gateway(settings, plan, gateway)
    sub_id = new_id("sub")
    status = SubscriptionStatus.PENDING_PAYMENT
    sub = Subscription(
        id=sub_id,
        idempotency_key=idempotency_key,
        request_fingerprint=digest,
        customer_id=customer_id,
        plan_id=plan.id,
        gateway=None if is_free(plan) else gateway,
        price_minor=plan.price_minor,
        currency=plan.currency,
        payer_details={},
        workflow_id=workflow_id_for(sub_id),
    )
    if is_free(plan):
        status = SubscriptionStatus.ACTIVE
        sub.current_period_start = now
        sub.current_period_end = add_interval(
            now, plan.interval, plan.interval_count, settings.sagas_dev_seconds_per_day
        )
    elif plan.trial_days > 0 and await _claim_trial(session, customer_id, sub_id):
        status = SubscriptionStatus.TRIALING
        sub.trial_end = now + scaled_days(plan.trial_days, settings.sagas_dev_seconds_per_day)
    sub.status = status.value
    session.add(sub)
    await session.flush()
    return Opened(sub, created=True)


def _check_gateway(settings: Settings, plan: Plan, gateway: str | None) -> None:
    if is_free(plan):
        return
    if gateway is None:
        raise GatewayRequired("a paid plan needs a gateway (stripe or razorpay)")
    if not gateway_configured(settings, gateway):
        raise GatewayUnavailable(f"{gateway} is not configured on this service")
    if gateway == "razorpay":
        from sagas.gateways.razorpay.subscriptions import unsupported_reason

        reason = unsupported_reason(plan.interval, plan.interval_count)
        if reason:
            raise GatewayUnsupported(reason)


async def _claim_trial(session: AsyncSession, customer_id: str, subscription_id: str) -> bool:
    """Take the customer's one trial; False if it was ever taken (also concurrently)."""
    if await session.get(TrialUsage, customer_id) is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(TrialUsage(customer_id=customer_id, subscription_id=subscription_id))
    except IntegrityError:
        return False
    return True


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
        gateway_plan_ref=plan.stripe_price_id if sub.gateway == "stripe" else plan.razorpay_plan_id,
    )


async def apply_transition(session: AsyncSession, change: Transition) -> None:
    """Write one transition; repeating it (an activity retry) changes nothing more."""
    sub = await get_subscription(session, change.subscription_id)
    sub.status = change.status.value
    sub.status_reason = change.reason
    if change.period is not None:
        p = change.period
        sub.current_period_start, sub.current_period_end = p.start, p.end
        sub.period_index = p.period_index
        exists = await session.execute(
            select(SubscriptionPeriod.id).where(
                SubscriptionPeriod.subscription_id == sub.id,
                SubscriptionPeriod.period_index == p.period_index,
            )
        )
        if exists.first() is None:
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
    if change.grace_until is not None:
        sub.grace_until = change.grace_until
    if change.clear_grace:
        sub.grace_until = None
    if change.cancel_at_period_end is not None:
        sub.cancel_at_period_end = change.cancel_at_period_end
    if change.cancelled_at is not None:
        sub.cancelled_at = change.cancelled_at
    await session.flush()
