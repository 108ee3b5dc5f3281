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
from datetime import datetime
from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.adapters import WithAdapters
from sagas.activities.psp_customers import psp_customer
from sagas.db.engine import unit_of_work
from sagas.db.models.subscriptions import Plan, Subscription
from sagas.deps import Deps
from sagas.domain.subscriptions import (
    PlanTerms,
    PspView,
    RetryPaymentResult,
    SubscriptionCancel,
    SubscriptionRequest,
)
from sagas.gateways.errors import GatewayError, as_activity_error
from sagas.services.subscriptions import snapshots
from sagas.services.subscriptions.errors import SubscriptionNotFound
from sagas.services.subscriptions.records import get_subscription
from sagas.services.subscriptions.transitions import apply_transition
from sagas.workflows.subscription.messages.inputs import SubscriptionRef
from sagas.workflows.subscription.messages.psp import (
    CancelAtPspInput,
    CancelAtPspResult,
    PayerDetails,
    ReadInput,
    RetryPaymentInput,
)
from sagas.workflows.subscription.messages.snapshot import Snapshot
from sagas.workflows.subscription.messages.transitions import Transition


class SubscriptionActivities(WithAdapters):
    @activity.defn(name="subscription.load")
    async def load(self, ref: SubscriptionRef) -> Snapshot:
        async with unit_of_work(self._sessions) as session:
            try:
                return await snapshots.snapshot(session, self._settings, ref.subscription_id)
            except SubscriptionNotFound as err:
                raise ApplicationError(str(err), type="NotFound", non_retryable=True) from err

    @activity.defn(name="subscription.record")
    async def record(self, change: Transition) -> None:
        async with unit_of_work(self._sessions) as session:
            await apply_transition(session, change)

    @activity.defn(name="subscription.open_at_psp")
    async def open_at_psp(self, ref: SubscriptionRef) -> PayerDetails:
        """Create the PSP subscription once (or answer the one recorded) and store it."""
        async with unit_of_work(self._sessions) as session:
            sub = await get_subscription(session, ref.subscription_id)
            plan = await session.get(Plan, sub.plan_id)
            assert plan is not None
            if sub.gateway_subscription_id:
                return PayerDetails(
                    gateway_subscription_id=sub.gateway_subscription_id,
                    details={k: str(v) for k, v in (sub.payer_details or {}).items()},
                    plan_ref=snapshots.plan_ref(plan, sub.gateway),
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
        assert sub.gateway is not None
        psp = self._gw.get(sub.gateway)
        terms = PlanTerms(
            plan_id=plan.id,
            name=plan.name,
            amount_minor=plan.price_minor,
            currency=plan.currency,
            interval=plan.interval,
            interval_count=plan.interval_count,
        )
        ref_field = psp.traits.plan_ref_field
        plan_ref: str | None = getattr(plan, ref_field)
        if plan_ref is None:
            plan_ref = await psp.subscriptions.ensure_plan(terms)
            await self._store_plan_ref(plan.id, **{ref_field: plan_ref})
        req = SubscriptionRequest(
            subscription_id=sub.id,
            customer_id=sub.customer_id,
            plan_ref=plan_ref,
            plan=terms,
            gateway_customer_id=await psp_customer(
                self._sessions, psp, customer_id=sub.customer_id
            ),
            trial_end=self._trial_end(sub),
        )
        gsid, details = await psp.subscriptions.create_subscription(req)
        return gsid, details, plan_ref

    @staticmethod
    def _trial_end(sub: Subscription) -> datetime | None:
        """A trial still running when the PSP object is made is the PSP's trial too."""
        if sub.status == "trialing" and sub.trial_end is not None:
            return sub.trial_end
        return None

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
            psp = self._gw.get(inp.gateway).subscriptions
            return await psp.read_subscription(inp.gateway_subscription_id)
        except GatewayError as err:
            raise as_activity_error(err) from err

    @activity.defn(name="subscription.retry_payment")
    async def retry_payment(self, inp: RetryPaymentInput) -> RetryPaymentResult:
        """A dunning check charges the open renewal invoice again where we charge retries;
        a PSP that retries a failed charge on its own schedule has nothing to be asked."""
        try:
            psp = self._gw.get(inp.gateway).subscriptions
            return await psp.retry_payment(
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
            sub = await get_subscription(session, inp.subscription_id)
        if not sub.gateway or not sub.gateway_subscription_id:
            return CancelAtPspResult(psp_status=None)
        try:
            req = SubscriptionCancel(
                gateway_subscription_id=sub.gateway_subscription_id,
                at_period_end=inp.at_period_end,
            )
            status = await self._gw.get(sub.gateway).subscriptions.cancel_subscription(req)
        except GatewayError as err:
            raise as_activity_error(err) from err
        return CancelAtPspResult(psp_status=status)

    @activity.defn(name="subscription.close_first_payment")
    async def close_first_payment(self, inp: CancelAtPspInput) -> bool:
        """Before a cancel for non-payment: True when the first payment can no longer be
        made (or there is no PSP object), False when it was made meanwhile."""
        async with unit_of_work(self._sessions) as session:
            sub = await get_subscription(session, inp.subscription_id)
        if not sub.gateway or not sub.gateway_subscription_id:
            return True
        try:
            gateway = self._gw.get(sub.gateway).subscriptions
            return await gateway.close_first_payment(sub.gateway_subscription_id)
        except GatewayError as err:
            raise as_activity_error(err) from err


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
        acts.close_first_payment,
    ]
