"""SubscriptionWorkflow: one subscription, for as long as it lives, one period per run.

Input :class:`SubscriptionInput` (id ``subscription-<subscription_id>``); the row exists
before the start, with the first status the API chose. Stages:

- ``trialing``: a timer to ``trial_end``; no PSP object, so no charge, until it ends.
- ``pending_payment``: the PSP subscription is created (idempotency key = subscription
  id) and the first payment awaited, from a ``psp_event`` signal or the PSP's own state
  polled between waits, until ``subscription_payment_deadline_s``; then ``expired`` and
  the PSP object cancelled (the compensation, registered before the create).
- ``active``: a durable timer to the period's end; then the PSP's renewal is confirmed
  (a new paid invoice / paid count), the period recorded, and the run continues as new
  with a small carried state. A failed or missing renewal → ``past_due``.
- ``past_due``: dunning checks at ``dunning_retry_schedule_s`` offsets from the failure;
  at each one Stripe's open invoice is charged again (key: subscription + invoice + check
  number; Razorpay retries by itself and is re-read); entitlements hold until the first
  check (the grace); a payment → ``active`` again; after the last → the PSP subscription
  is cancelled and we are ``cancelled``.

Messages: ``psp_event`` signal, ``state`` query, ``cancel`` update (now or at period end,
mirrored at the PSP), ``gateway_ready`` update (the API's wait for payer details),
``operator_action`` update for ``NeedsAttention``. Every PSP signal is only a hint: the
PSP is re-read before any status changes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.subscriptions import SubscriptionActivities
    from sagas.temporal import policies
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.operator import OperatorActionKind
    from sagas.workflows.subscription.models import (
        PayerDetails,
        PspView,
        SubscriptionInput,
        SubscriptionRef,
        SubscriptionStatus,
    )
    from sagas.workflows.subscription.periods import dunning_times
    from sagas.workflows.subscription.steps import SubscriptionSteps

S = SubscriptionStatus
#: Each run that renews ends on stage ``renewed`` (not ``renewing``/``past_due``), so the
#: UI's list of runs, and a ``SagaStage`` query, say how every period ended. Runs recorded
#: before it replay without the extra upsert.
RENEWED_STAGE_PATCH = "subscription-renewed-stage"
_LOOPS = 100_000  # every loop is bounded; each round also waits on a timer


@workflow.defn(name="SubscriptionWorkflow")
class SubscriptionWorkflow(SubscriptionSteps):
    @workflow.run
    async def run(self, inp: SubscriptionInput) -> SubscriptionStatus:
        self._inp = inp
        self._seen = set(inp.seen_event_ids)
        self._marker = inp.paid_marker
        snap = await workflow.execute_activity_method(
            SubscriptionActivities.load,
            SubscriptionRef(subscription_id=inp.subscription_id),
            start_to_close_timeout=policies.DB_WRITE_TIMEOUT,
            retry_policy=policies.DB_WRITE,
        )
        self._snap, self._status = snap, snap.status
        self._period_end, self._cancel_at_period_end = (
            snap.current_period_end,
            snap.cancel_at_period_end,
        )
        if snap.gateway_subscription_id:
            self._payer = PayerDetails(
                gateway_subscription_id=snap.gateway_subscription_id, plan_ref=snap.gateway_plan_ref
            )
        updates: list[SearchAttributeUpdate[Any]] = [
            sa.CUSTOMER_ID.value_set(snap.customer_id),
            sa.AMOUNT_MINOR.value_set(snap.price_minor),
            sa.CURRENCY.value_set(snap.currency),
        ]
        if snap.gateway:
            updates.append(sa.GATEWAY.value_set(snap.gateway))
        if snap.gateway_subscription_id:
            updates.append(sa.GATEWAY_OBJECT_ID.value_set(snap.gateway_subscription_id))
        self._upsert(updates)
        status = snap.status
        if status is S.TRIALING:
            status = await self._trial()
        if status is S.PENDING_PAYMENT:
            status = await self._first_payment()
        if status in (S.ACTIVE, S.PAST_DUE):
            status = await self._live()
        self._set_stage(status.value)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return status

    # -- trial and first payment --------------------------------------------------------

    async def _trial(self) -> SubscriptionStatus:
        assert self._snap and self._snap.trial_end
        self._set_stage("trialing")
        for _ in range(_LOOPS):
            woke = await self._wait(self._snap.trial_end)
            if woke == "cancel":
                req = self._cancel_request
                assert req is not None
                if not req.at_period_end:
                    return await self._cancel_now("cancelled during the trial")
                await self._record(self._change(S.TRIALING, cancel_at_period_end=True))
                self._answer_cancel()
            elif woke == "deadline":
                break
        if self._cancel_at_period_end:
            return await self._cancel_now("cancelled at the end of the trial")
        await self._record(self._change(S.PENDING_PAYMENT, reason="trial ended"))
        return S.PENDING_PAYMENT

    async def _open_at_psp(self) -> PayerDetails | None:
        """Create the PSP subscription. A PSP refusal at sign-up expires the subscription
        (the API answers 502); after a trial it asks an operator to retry or cancel."""
        for _ in range(100):
            try:
                return await workflow.execute_activity_method(
                    SubscriptionActivities.open_at_psp,
                    SubscriptionRef(subscription_id=self._inp.subscription_id),
                    start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
                    retry_policy=policies.PSP_CALL,
                )
            except ActivityError as err:
                reason = f"the PSP refused the subscription: {err.cause or err}"
                if self._snap and self._snap.trial_end is None:
                    self._open_error = reason
                    return None
                action = await self._needs_attention(
                    reason, [OperatorActionKind.RETRY, OperatorActionKind.CANCEL]
                )
                if action.action is OperatorActionKind.CANCEL:
                    return None
        return None

    async def _first_payment(self) -> SubscriptionStatus:
        assert self._snap is not None
        self._set_stage("pending_payment")
        # Compensation first: from here on, expiry or cancellation cancels the PSP object.
        payer = await self._open_at_psp()
        if payer is None:
            await self._cancel_at_psp(at_period_end=False)
            reason = self._open_error or "cancelled by an operator"
            await self._record(self._change(S.EXPIRED, reason=reason))
            self._gateway_error = reason  # only now: the API reads the row when answered
            return S.EXPIRED
        self._payer = payer
        self._upsert([sa.GATEWAY_OBJECT_ID.value_set(payer.gateway_subscription_id)])
        deadline = workflow.now() + timedelta(seconds=self._snap.payment_deadline_s)
        for attempt in range(_LOOPS):
            view = await self._try_read_psp()
            if view is not None and view.paid_marker:
                return await self._activate(view)
            if view is not None and view.ended:
                return await self._end(S.CANCELLED, "cancelled at the PSP before the first payment")
            woke = await self._wait(deadline, self._poll_s(attempt))
            if woke == "cancel":
                return await self._cancel_now("cancelled before the first payment")
            if woke == "deadline":
                # A PSP outage here must not fail the run (row left pending, PSP object
                # live): retry, or an operator lets the expiry go ahead.
                view = await self._last_word()
                if view is not None and view.paid_marker:
                    return await self._activate(view)
                await self._cancel_at_psp(at_period_end=False)
                return await self._end(S.EXPIRED, "no first payment before the deadline")
        return await self._end(S.EXPIRED, "gave up waiting for the first payment")

    async def _activate(self, view: PspView) -> SubscriptionStatus:
        assert self._snap is not None
        if not await self._payment_matches(view):
            return await self._cancel_now(
                "payment did not match the plan; cancelled by an operator"
            )
        start = workflow.now()
        await self._start_period(start, view, S.ACTIVE)
        return S.ACTIVE

    # -- periods, renewal and dunning ---------------------------------------------------

    async def _live(self) -> SubscriptionStatus:
        assert self._snap is not None and self._period_end is not None
        if self._status is S.PAST_DUE:
            return await self._dunning(workflow.now())
        self._set_stage("active")
        for _ in range(_LOOPS):
            woke = await self._wait(self._period_end)
            if woke == "cancel":
                done = await self._on_cancel_request()
                if done is not None:
                    return done
            elif woke == "poke" and self._payer:
                view = await self._try_read_psp()
                if view is not None and view.ended and not self._cancel_at_period_end:
                    return await self._end(S.CANCELLED, f"cancelled at the PSP ({view.psp_status})")
            elif woke == "deadline":
                break
        if self._cancel_at_period_end:
            return await self._cancel_now("cancelled at the end of the period")
        if self._snap.price_minor == 0:
            return await self._renewed(None)
        return await self._await_renewal()

    async def _await_renewal(self) -> SubscriptionStatus:
        assert self._snap is not None and self._period_end is not None
        self._set_stage("renewing")
        deadline = workflow.now() + timedelta(seconds=self._snap.payment_deadline_s)
        for attempt in range(_LOOPS):
            view = await self._try_read_psp()
            if view is not None and self._is_renewal(view):
                return await self._renewed(view)
            if view is not None and view.ended:
                return await self._end(S.CANCELLED, f"cancelled at the PSP ({view.psp_status})")
            if view is not None and view.payment_failed:
                break
            woke = await self._wait(deadline, self._poll_s(attempt))
            if woke == "cancel":
                done = await self._on_cancel_request()
                if done is not None:
                    return done
            if woke == "deadline":
                break
        return await self._dunning(workflow.now())

    async def _dunning(self, failed_at: datetime) -> SubscriptionStatus:
        assert self._snap is not None
        schedule = self._snap.dunning_schedule_s
        times = dunning_times(failed_at, schedule, self._inp.seconds_per_day) or [failed_at]
        await self._record(
            self._change(S.PAST_DUE, reason="renewal payment failed", grace_until=times[0])
        )
        self._set_stage("past_due")
        polls = 0  # the poll backoff runs on across checks: days of dunning stay small
        for n, check_at in enumerate(times):
            self._next_dunning = check_at
            self._set_stage("past_due")
            for _ in range(_LOOPS):
                polls += 1
                view = await self._try_read_psp()
                if view is not None and self._is_renewal(view):
                    self._next_dunning = None
                    return await self._renewed(view)
                if view is not None and view.ended:
                    return await self._end(S.CANCELLED, f"cancelled at the PSP ({view.psp_status})")
                woke = await self._wait(check_at, self._poll_s(polls))
                if woke == "cancel":
                    done = await self._on_cancel_request()
                    if done is not None:
                        return done
                if woke == "deadline":
                    workflow.logger.info("dunning check %d of %d: still unpaid", n + 1, len(times))
                    if await self._retry_charge(n + 1):
                        break  # paid: the next read of the PSP renews
                    if n == 0:  # the grace ends at the first check: no more entitlements
                        grace_over = "renewal payment failed; grace period over"
                        await self._record(
                            self._change(S.PAST_DUE, reason=grace_over, clear_grace=True)
                        )
                    break
        view = await self._last_word()
        if view is not None and self._is_renewal(view):
            return await self._renewed(view)
        return await self._cancel_now("renewal unpaid after dunning")

    async def _renewed(self, view: PspView | None) -> SubscriptionStatus:
        """Record the next period and continue as new: the history restarts small."""
        assert self._period_end is not None
        if view is not None and not await self._payment_matches(view):
            return await self._cancel_now(
                "renewal did not match the plan; cancelled by an operator"
            )
        self._inp = self._inp.model_copy(update={"period_index": self._inp.period_index + 1})
        await self._start_period(self._period_end, view, S.ACTIVE)
        if self._cancel_request is not None:  # answer a cancel that came in meanwhile
            done = await self._on_cancel_request()
            if done is not None:
                return done
        if workflow.patched(RENEWED_STAGE_PATCH):
            self._set_stage("renewed")  # the closed run reads "renewed" in the UI's list
        await workflow.wait_condition(workflow.all_handlers_finished)
        workflow.continue_as_new(
            SubscriptionInput(
                subscription_id=self._inp.subscription_id,
                period_index=self._inp.period_index,
                paid_marker=self._marker,
                seen_event_ids=self._period_events[-200:],
                seconds_per_day=self._inp.seconds_per_day,
            )
        )
