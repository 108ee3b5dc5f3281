"""SubscriptionWorkflow: one subscription, for as long as it lives, one period per run.

Input :class:`SubscriptionInput` (id ``subscription-<subscription_id>``); the row exists
before the start, with the first status the API chose. Stages:

- ``trialing``: the PSP subscription is created at once with the trial (it collects the
  card: Stripe's pending SetupIntent, Razorpay's authentication payment), then a timer
  to ``trial_end``, where the PSP charges the saved card by itself: its payment starts
  the first period, its failure starts dunning. (Runs from before ``PSP_BILLS_PATCH``:
  no PSP object until the trial ends, then ``pending_payment``.)
- ``pending_payment``: the PSP subscription is created (idempotency key = subscription
  id) and the first payment awaited, from a ``psp_event`` signal or the PSP's own state
  polled between waits, until ``subscription_payment_deadline_s``; then the first payment
  is closed at the PSP (Stripe voids the open invoice, so the payer cannot pay after; a
  payment made meanwhile is honoured), ``expired``, and the PSP object cancelled (the
  compensation, registered before the create).
- ``active``: a durable timer to the period's end; then the PSP's renewal is confirmed
  (a new paid invoice / paid count), the period recorded, and the run continues as new
  with a small carried state. A failed or missing renewal → ``past_due``. The PSP renews
  on its own clock: a renewal (or a failure, or a renewal waiting for the payer's
  authentication, which puts ``hosted_invoice_url`` in ``payer``) reported earlier is
  acted on at once.
- ``past_due``: dunning checks at ``dunning_retry_schedule_s`` offsets from the failure;
  at each one Stripe's open invoice is charged again (key: subscription + invoice + check
  number; Razorpay retries by itself and is re-read); entitlements hold until the first
  check (the grace); a payment → ``active`` again; after the last → the PSP subscription
  is cancelled and we are ``cancelled``. The failure counts from when the renewal was
  due, and a run restarted on a ``past_due`` row keeps the row's grace deadline (or its
  ended grace): a restart never grants more access.

Messages: ``psp_event`` signal, ``state`` query, ``cancel`` update (now or at period end,
mirrored at the PSP), ``gateway_ready`` update (the API's wait for payer details),
``operator_action`` update for ``NeedsAttention``. Every PSP signal is only a hint: the
PSP is re-read before any status changes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.domain.subscriptions import PspView
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.operator.actions import OperatorActionKind
    from sagas.workflows.saga.inbox import EventInbox
    from sagas.workflows.subscription import steps
    from sagas.workflows.subscription.messages.inputs import SubscriptionInput, SubscriptionRef
    from sagas.workflows.subscription.messages.psp import CancelAtPspInput, PayerDetails
    from sagas.workflows.subscription.messages.status import SubscriptionStatus
    from sagas.workflows.subscription.renewals import (
        LOOPS,
        PSP_BILLS_PATCH,
        SubscriptionRenewals,
    )

S = SubscriptionStatus
#: At the first payment's deadline the payment is closed at the PSP (Stripe voids the
#: open first invoice) before the cancel, so a payer cannot pay after it; a payment made
#: meanwhile is honoured. Runs from before it replay without the step.
CLOSE_FIRST_PAYMENT_PATCH = "subscription-close-first-payment"


@workflow.defn(name="SubscriptionWorkflow")
class SubscriptionWorkflow(SubscriptionRenewals):
    @workflow.run
    async def run(self, inp: SubscriptionInput) -> SubscriptionStatus:
        self._inp = inp
        self._seen = list(dict.fromkeys(inp.seen_event_ids))
        self._inbox = EventInbox(self._seen)
        self._marker = inp.paid_marker
        snap = await steps.load(SubscriptionRef(subscription_id=inp.subscription_id))
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
        if workflow.patched(PSP_BILLS_PATCH):
            return await self._trial_at_psp()
        self._set_stage("trialing")
        for _ in range(LOOPS):
            woke = await self._wait(self._snap.trial_end)
            if woke == "cancel":
                if self._cancel_is_immediate():
                    return await self._cancel_now("cancelled during the trial")
                await self._record(self._change(S.TRIALING, cancel_at_period_end=True))
                self._answer_cancel()
            elif woke == "deadline":
                break
        if self._cancel_at_period_end:
            return await self._cancel_now("cancelled at the end of the trial")
        await self._record(self._change(S.PENDING_PAYMENT, reason="trial ended"))
        return S.PENDING_PAYMENT

    async def _trial_at_psp(self) -> SubscriptionStatus:
        """The trial lives at the PSP from the start; it converts there, off-session."""
        assert self._snap and self._snap.trial_end
        self._set_stage("trialing")
        payer = await self._open_at_psp(at_signup=True)
        if payer is None:
            return await self._expire_unopened()
        self._payer = payer
        self._upsert([sa.GATEWAY_OBJECT_ID.value_set(payer.gateway_subscription_id)])
        view = await self._try_read_psp()
        if view is not None and view.paid_marker and not self._paid_conversion(view):
            self._marker = view.paid_marker  # the trial's own (free) invoice
        self._period_end = self._snap.trial_end
        self._converting_trial = True
        if view is not None and self._is_renewal(view):  # converted before our first read
            return await self._renewed(view)
        for _ in range(LOOPS):
            woke = await self._wait(self._snap.trial_end)
            if woke == "cancel":
                if self._cancel_is_immediate():
                    return await self._cancel_now("cancelled during the trial")
                done = await self._on_cancel_request()
                if done is not None:
                    return done
            elif woke == "poke":
                done = await self._on_psp_news()
                if done is not None:
                    return done
            elif woke == "deadline":
                break
        if self._cancel_at_period_end:
            return await self._cancel_now("cancelled at the end of the trial")
        return await self._await_renewal()

    def _cancel_is_immediate(self) -> bool:
        """The pending cancel request is for now (not at the period's end)."""
        req = self._cancel_request
        assert req is not None
        return not req.at_period_end

    async def _expire_unopened(self) -> SubscriptionStatus:
        """The PSP subscription could not be opened: cancel what may exist there, expire."""
        await self._cancel_at_psp(at_period_end=False)
        reason = self._open_error or "cancelled by an operator"
        await self._record(self._change(S.EXPIRED, reason=reason))
        self._gateway_error = reason  # only now: the API reads the row when answered
        return S.EXPIRED

    async def _open_at_psp(self, *, at_signup: bool | None = None) -> PayerDetails | None:
        """Create the PSP subscription. A PSP refusal at sign-up expires the subscription
        (the API answers 502); after a trial it asks an operator to retry or cancel."""
        if at_signup is None:
            at_signup = bool(self._snap and self._snap.trial_end is None)
        for _ in range(100):
            try:
                return await steps.open_at_psp(
                    SubscriptionRef(subscription_id=self._inp.subscription_id)
                )
            except ActivityError as err:
                reason = f"the PSP refused the subscription: {err.cause or err}"
                if at_signup:
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
            return await self._expire_unopened()
        self._payer = payer
        self._upsert([sa.GATEWAY_OBJECT_ID.value_set(payer.gateway_subscription_id)])
        deadline = workflow.now() + timedelta(seconds=self._snap.payment_deadline_s)
        for attempt in range(LOOPS):
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
                if workflow.patched(CLOSE_FIRST_PAYMENT_PATCH) and not await self._closed():
                    view = await self._last_word()  # paid between our read and the close
                    if view is not None and view.paid_marker:
                        return await self._activate(view)
                await self._cancel_at_psp(at_period_end=False)
                return await self._end(S.EXPIRED, "no first payment before the deadline")
        return await self._end(S.EXPIRED, "gave up waiting for the first payment")

    async def _closed(self) -> bool:
        """The first payment closed at the PSP before the cancel (Stripe voids its
        invoice), so none can land after it; False: it was paid meanwhile. A PSP that
        cannot be asked leaves the cancel to go ahead, as before this step existed."""
        try:
            return await steps.close_first_payment(
                CancelAtPspInput(subscription_id=self._inp.subscription_id)
            )
        except ActivityError as err:
            workflow.logger.warning("closing the first payment failed: %s", err.cause)
            return True

    async def _activate(self, view: PspView) -> SubscriptionStatus:
        assert self._snap is not None
        if not await self._payment_matches(view):
            return await self._cancel_now(
                "payment did not match the plan; cancelled by an operator"
            )
        start = workflow.now()
        await self._start_period(start, view, S.ACTIVE)
        return S.ACTIVE
