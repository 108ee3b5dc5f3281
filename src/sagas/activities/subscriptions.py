"""Subscription activities: our records and the PSP's subscription, behind one class.

Gateway errors become :func:`as_activity_error` errors (``PspRejected`` is final,
anything else is retried by the named policy the workflow gives). Creating the PSP
subscription looks at our row first and stores the id in the same activity; Stripe
gets the subscription id as its idempotency key, and on Razorpay (no keys) the adapter
adopts a live subscription whose notes carry our id, so neither a retry nor a crash
between the PSP's answer and our store makes a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.db.engine import unit_of_work
from sagas.db.models.subscriptions import Plan, Subscription
from sagas.deps import Deps
from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import GatewayError, as_activity_error
from sagas.gateways.razorpay import subscriptions as rzp
from sagas.gateways.stripe import subscriptions as stp
from sagas.services import subscriptions as service
from sagas.settings import Settings
from sagas.workflows.subscription.models import (
    CancelAtPspInput,
    CancelAtPspResult,
    PayerDetails,
    PspView,
    ReadInput,
    RetryPaymentInput,
    RetryPaymentResult,
    Snapshot,
    SubscriptionRef,
    Transition,
)


class SubscriptionActivities:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        gateways: GatewayClients,
        settings: Settings,
    ) -> None:
        self._sessions = sessions
        self._gateways = gateways
        self._settings = settings

    @activity.defn(name="subscription.load")
    async def load(self, ref: SubscriptionRef) -> Snapshot:
        async with unit_of_work(self._sessions) as session:
            try:
                return await service.snapshot(session, self._settings, ref.subscription_id)
            except service.SubscriptionNotFound as err:
                raise ApplicationError(str(err), type="NotFound", non_retryable=True) from err

    @activity.defn(name="subscription.record")
    async def record(self, change: Transition) -> None:
        async with unit_of_work(self._sessions) as session:
            await service.apply_transition(session, change)

    @activity.defn(name="subscription.open_at_psp")
    async def open_at_psp(self, ref: SubscriptionRef) -> PayerDetails:
        """Create the PSP subscription once (or answer the one recorded) and store it."""
        async with unit_of_work(self._sessions) as session:
            sub = await service.get_subscription(session, ref.subscription_id)
            plan = await session.get(Plan, sub.plan_id)
            assert plan is not None
            if sub.gateway_subscription_id:
                return PayerDetails(
                    gateway_subscription_id=sub.gateway_subscription_id,
                    details={k: str(v) for k, v in (sub.payer_details or {}).items()},
                    plan_ref=plan.stripe_price_id
                    if sub.gateway == "stripe"
                    else plan.razorpay_plan_id,
                )
        try:
            gsid, details, plan_ref = await self._create(sub, plan)
        except GatewayError as err:
            raise as_activity_error(err) from err
        async with unit_of_work(self._sessions) as session:
            row = await session.get(Subscription, ref.subscription_id, with_for_update=True)
            assert row is not None
            if row.gateway_subscription_id is None:
                row.gateway_subscription_id = gsid
                row.payer_details = details
        return PayerDetails(gateway_subscription_id=gsid, details=details, plan_ref=plan_ref)

    async def _create(self, sub: Subscription, plan: Plan) -> tuple[str, dict[str, str], str]:
        if sub.gateway == "stripe":
            client = self._gateways.require_stripe()
            if plan.stripe_price_id is None:
                price_id = await stp.ensure_price(
                    client,
                    plan_id=plan.id,
                    name=plan.name,
                    amount_minor=plan.price_minor,
                    currency=plan.currency,
                    interval=plan.interval,
                    interval_count=plan.interval_count,
                )
                await self._store_plan_ref(plan.id, stripe_price_id=price_id)
            else:
                price_id = plan.stripe_price_id
            gsid, details = await stp.create_subscription(
                client, subscription_id=sub.id, customer_id=sub.customer_id, price_id=price_id
            )
            return gsid, details, price_id
        client_r = self._gateways.require_razorpay()
        rzp_plan = plan.razorpay_plan_id
        if rzp_plan is None:
            rzp_plan = await rzp.ensure_plan(
                client_r,
                plan_id=plan.id,
                name=plan.name,
                amount_minor=plan.price_minor,
                currency=plan.currency,
                interval=plan.interval,
                interval_count=plan.interval_count,
            )
            await self._store_plan_ref(plan.id, razorpay_plan_id=rzp_plan)
        gsid, details = await rzp.create_subscription(
            client_r,
            subscription_id=sub.id,
            customer_id=sub.customer_id,
            razorpay_plan_id=rzp_plan,
            interval=plan.interval,
            interval_count=plan.interval_count,
            key_id=self._gateways.razorpay_key_id,
        )
        return gsid, details, rzp_plan

    async def _store_plan_ref(self, plan_id: str, **refs: str) -> None:
        """Keep the first PSP plan/price id stored; a concurrent creator's loses."""
        async with unit_of_work(self._sessions) as session:
            plan = await session.get(Plan, plan_id, with_for_update=True)
            assert plan is not None
            for name, value in refs.items():
                if getattr(plan, name) is None:
                    setattr(plan, name, value)

    @activity.defn(name="subscription.read_psp")
    async def read_psp(self, inp: ReadInput) -> PspView:
        try:
            if inp.gateway == "stripe":
                return await stp.read_subscription(
                    self._gateways.require_stripe(), inp.gateway_subscription_id
                )
            return await rzp.read_subscription(
                self._gateways.require_razorpay(), inp.gateway_subscription_id
            )
        except GatewayError as err:
            raise as_activity_error(err) from err

    @activity.defn(name="subscription.retry_payment")
    async def retry_payment(self, inp: RetryPaymentInput) -> RetryPaymentResult:
        """A dunning check charges the open renewal invoice again on Stripe. Razorpay
        retries a failed charge on its own schedule: there is nothing to ask it."""
        if inp.gateway != "stripe":
            return RetryPaymentResult(attempted=False, detail=f"{inp.gateway} retries itself")
        try:
            return await stp.retry_latest_invoice(
                self._gateways.require_stripe(),
                inp.gateway_subscription_id,
                subscription_id=inp.subscription_id,
                retry_index=inp.retry_index,
            )
        except GatewayError as err:
            raise as_activity_error(err) from err

    @activity.defn(name="subscription.cancel_at_psp")
    async def cancel_at_psp(self, inp: CancelAtPspInput) -> CancelAtPspResult:
        """Idempotent "if present": no PSP object, or one already ended, is success."""
        async with unit_of_work(self._sessions) as session:
            sub = await service.get_subscription(session, inp.subscription_id)
        if not sub.gateway or not sub.gateway_subscription_id:
            return CancelAtPspResult(psp_status=None)
        try:
            if sub.gateway == "stripe":
                status = await stp.cancel_subscription(
                    self._gateways.require_stripe(),
                    sub.gateway_subscription_id,
                    at_period_end=inp.at_period_end,
                )
            else:
                status = await rzp.cancel_subscription(
                    self._gateways.require_razorpay(),
                    sub.gateway_subscription_id,
                    at_period_end=inp.at_period_end,
                )
        except GatewayError as err:
            raise as_activity_error(err) from err
        return CancelAtPspResult(psp_status=status)


def subscription_activities(deps: Deps) -> list[Callable[..., Any]]:
    """Every subscription activity, wired to the adapters in ``deps``."""
    acts = SubscriptionActivities(deps.sessions, deps.gateways, deps.settings)
    return [
        acts.load,
        acts.record,
        acts.open_at_psp,
        acts.read_psp,
        acts.retry_payment,
        acts.cancel_at_psp,
    ]
