"""Steps the run loop shares: the settlement check, recording a period, cancelling.

Split from :mod:`.workflow` to keep each module small; the class is a mixin of
:class:`~.workflow.SubscriptionWorkflow` and holds no state of its own.
"""

from __future__ import annotations

from datetime import datetime

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.domain.subscriptions import PspView
    from sagas.gateways.traits import traits_of
    from sagas.workflows.operator.actions import OperatorActionKind
    from sagas.workflows.subscription import steps
    from sagas.workflows.subscription.base import SubscriptionBase
    from sagas.workflows.subscription.messages.psp import CancelAtPspInput, RetryPaymentInput
    from sagas.workflows.subscription.messages.status import SubscriptionStatus
    from sagas.workflows.subscription.messages.transitions import PeriodRecord, Transition
    from sagas.workflows.subscription.periods import add_interval

S = SubscriptionStatus
#: Dunning charges the invoice again at each check (Stripe). Runs that started dunning
#: before this existed replay without it.
DUNNING_CHARGE_PATCH = "stripe-dunning-invoice-pay"
#: An ended subscription drops the renewal invoice's payment page from ``payer``: the
#: payer is no longer asked to pay for something that ended. Runs that ended before it
#: replay without it.
ENDED_UNPAYABLE_PATCH = "subscription-ended-drops-pay-page"
#: A trial's own invoice (Stripe opens a trial with an invoice paid for 0) is never taken
#: for the trial's conversion, and a paid conversion never for the trial's own invoice,
#: whichever read sees it first. Runs from before it replay without it.
TRIAL_INVOICE_PATCH = "subscription-trial-invoice-by-amount"


class SubscriptionSteps(SubscriptionBase):
    async def _payment_matches(self, view: PspView) -> bool:
        """The settlement gate: the PSP subscription is on our plan's price/plan, and the
        paid invoice (Stripe reports it) covers the plan's amount in its currency; an
        operator decides otherwise."""
        assert self._snap is not None
        short = (
            view.paid_amount_minor is not None and view.paid_amount_minor < self._snap.price_minor
        )
        other = view.paid_currency is not None and view.paid_currency != self._snap.currency
        expected = self._payer.plan_ref if self._payer else None
        moved = bool(expected and view.plan_ref and view.plan_ref != expected)
        if not (short or other or moved):
            return True
        action = await self._needs_attention(
            f"paid {view.paid_amount_minor} {view.paid_currency} on {view.plan_ref},"
            f" plan is {self._snap.price_minor} {self._snap.currency} on {expected}",
            [OperatorActionKind.RESOLVE, OperatorActionKind.CANCEL],
        )
        return action.action is OperatorActionKind.RESOLVE

    def _is_renewal(self, view: PspView) -> bool:
        """A paid charge we have not counted yet (the marker moves with each payment).

        While a trial waits to convert, a new mark paid for nothing is the trial's own
        invoice seen late (the read after opening failed): it becomes the mark, it does
        not convert the trial."""
        if not view.paid_marker or view.paid_marker == self._marker:
            return False
        if self._trial_invoice(view) and workflow.patched(TRIAL_INVOICE_PATCH):
            self._marker = view.paid_marker
            return False
        return True

    def _trial_invoice(self, view: PspView) -> bool:
        """The trial's own invoice: paid, for 0, on a plan that costs something. (Razorpay
        does not report the amount: its first read after opening decides.)"""
        assert self._snap is not None
        return self._converting_trial and view.paid_amount_minor == 0 and self._snap.price_minor > 0

    def _paid_conversion(self, view: PspView) -> bool:
        """A trial already converted, for money, when the read after opening is made (the
        PSP may charge between our create and our read)."""
        return bool(view.paid_amount_minor) and workflow.patched(TRIAL_INVOICE_PATCH)

    async def _last_word(self) -> PspView | None:
        """The read a final decision (cancelling for non-payment) rests on: if the PSP
        cannot be read, an operator retries it or lets the decision go ahead."""
        for _ in range(1000):  # bounded: each round waits for an operator
            view = await self._try_read_psp()
            if view is not None:
                return view
            action = await self._needs_attention(
                "the PSP could not be read to settle the subscription",
                [OperatorActionKind.RETRY, OperatorActionKind.RESOLVE],
            )
            if action.action is OperatorActionKind.RESOLVE:
                return None
        return None

    async def _start_period(
        self, start: datetime, view: PspView | None, status: SubscriptionStatus
    ) -> None:
        assert self._snap is not None
        end = add_interval(
            start, self._snap.interval, self._snap.interval_count, self._inp.seconds_per_day
        )
        period = PeriodRecord(
            period_index=self._inp.period_index,
            start=start,
            end=end,
            amount_minor=view.paid_amount_minor
            if view and view.paid_amount_minor is not None
            else self._snap.price_minor,
            currency=self._snap.currency,
            payment_ref=view.paid_marker if view else None,
        )
        await self._record(
            self._change(
                status, period=period, clear_grace=True, payer_details={"hosted_invoice_url": ""}
            )
        )
        self._marker = view.paid_marker if view else self._marker
        self._period_end = end

    async def _retry_charge(self, retry_index: int) -> bool:
        """At a dunning check, charge the open renewal invoice again where we charge
        retries (Stripe; Razorpay retries by itself); True if it was paid. A decline, or
        the call failing for good, leaves the schedule running: the PSP is re-read before
        any status changes."""
        assert self._snap is not None and self._payer is not None
        charges = traits_of(self._snap.gateway).charges_dunning_retries
        if not charges or not workflow.patched(DUNNING_CHARGE_PATCH):
            return False
        try:
            result = await steps.retry_payment(
                RetryPaymentInput(
                    subscription_id=self._inp.subscription_id,
                    gateway=self._snap.gateway,
                    gateway_subscription_id=self._payer.gateway_subscription_id,
                    retry_index=retry_index,
                )
            )
        except ActivityError as err:
            workflow.logger.warning("dunning retry %d failed: %s", retry_index, err.cause or err)
            return False
        workflow.logger.info(
            "dunning retry %d: attempted=%s paid=%s (%s)",
            retry_index,
            result.attempted,
            result.paid,
            result.detail,
        )
        return result.paid

    # -- cancellation -----------------------------------------------------------------

    async def _on_cancel_request(self) -> SubscriptionStatus | None:
        """Carry out the queued cancel: now (→ ``cancelled``), or at the period's end,
        mirrored at the PSP first; a PSP refusal answers the caller and changes nothing."""
        req = self._cancel_request
        assert req is not None
        if not req.at_period_end:
            return await self._cancel_now(req.reason or "cancelled on request")
        try:
            await steps.cancel_at_psp(
                CancelAtPspInput(subscription_id=self._inp.subscription_id, at_period_end=True)
            )
        except ActivityError as err:
            self._cancel_error = f"the PSP refused to cancel at period end: {err.cause or err}"
            self._cancel_request = None
            return None
        await self._record(self._change(self._status or S.ACTIVE, cancel_at_period_end=True))
        self._answer_cancel()
        return None

    async def _cancel_now(self, reason: str) -> SubscriptionStatus:
        await self._cancel_at_psp(at_period_end=False)
        return await self._end(S.CANCELLED, reason)

    async def _end(self, status: SubscriptionStatus, reason: str) -> SubscriptionStatus:
        change = self._change(status, reason=reason, cancelled_at=workflow.now())
        if workflow.patched(ENDED_UNPAYABLE_PATCH):
            change.payer_details = {"hosted_invoice_url": ""}
        await self._record(change)
        self._next_dunning = None
        if self._cancel_request is not None:
            self._answer_cancel()
        return status

    def _answer_cancel(self) -> None:
        self._cancel_result = self._cancel_answer()
        self._cancel_request = None

    def _change(self, status: SubscriptionStatus, **fields: object) -> Transition:
        return Transition(subscription_id=self._inp.subscription_id, status=status, **fields)
