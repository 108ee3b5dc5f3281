"""The live part of a subscription: the PSP's news between checks, the period's timer,
the renewal, dunning, and the continue-as-new into the next period.

A mixin of :class:`~.workflow.SubscriptionWorkflow` (which holds the run, the trial and
the first payment); it holds no state of its own. Every change to the commands a run
issues is behind one of the patches below.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.domain.subscriptions import PspView
    from sagas.workflows.subscription.dunning import dunning_start, dunning_times
    from sagas.workflows.subscription.messages.inputs import SubscriptionInput
    from sagas.workflows.subscription.messages.status import SubscriptionStatus
    from sagas.workflows.subscription.settlement import SubscriptionSteps

S = SubscriptionStatus
#: Each run that renews ends on stage ``renewed`` (not ``renewing``/``past_due``), so the
#: UI's list of runs, and a ``SagaStage`` query, say how every period ended. Runs recorded
#: before it replay without the extra upsert.
RENEWED_STAGE_PATCH = "subscription-renewed-stage"
#: The PSP bills by itself (CONTRACT section 12): a trial opens the PSP subscription at
#: once (collecting the card) and the PSP converts it; a renewal, failure or request for
#: authentication the PSP reports between our own checks is acted on when it arrives.
#: Runs recorded before it replay on the old paths.
PSP_BILLS_PATCH = "subscription-psp-bills-itself"
#: Dunning keeps the deadlines it had: a run restarted on a ``past_due`` row (its
#: workflow was gone) resumes from the row's grace deadline instead of granting a fresh
#: one, and a renewal failure seen after the period's end counts from that end. Runs
#: recorded before it replay on the old paths.
KEEP_DEADLINES_PATCH = "subscription-dunning-keeps-deadlines"
LOOPS = 100_000  # every loop is bounded; each round also waits on a timer


class SubscriptionRenewals(SubscriptionSteps):
    async def _on_psp_news(self) -> SubscriptionStatus | None:
        """The PSP reported something between our checks: it renewed (or converted a
        trial) by itself, a renewal failed or waits for the payer, or it ended."""
        view = await self._try_read_psp()
        if view is None:
            return None
        if view.ended and not self._cancel_at_period_end:
            return await self._end(S.CANCELLED, f"cancelled at the PSP ({view.psp_status})")
        if self._is_renewal(view):
            return await self._renewed(view)
        if view.payment_failed:
            return await self._dunning(workflow.now(), view)
        return None

    async def _live(self) -> SubscriptionStatus:
        assert self._snap is not None and self._period_end is not None
        if self._status is S.PAST_DUE:
            if workflow.patched(KEEP_DEADLINES_PATCH):
                return await self._resume_dunning()
            return await self._dunning(workflow.now())
        self._set_stage("active")
        for _ in range(LOOPS):
            woke = await self._wait(self._period_end)
            if woke == "cancel":
                done = await self._on_cancel_request()
                if done is not None:
                    return done
            elif woke == "poke" and self._payer:
                if workflow.patched(PSP_BILLS_PATCH):
                    done = await self._on_psp_news()
                    if done is not None:
                        return done
                    continue
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
        for attempt in range(LOOPS):
            view = await self._try_read_psp()
            if view is not None and self._is_renewal(view):
                return await self._renewed(view)
            if view is not None and view.ended:
                return await self._end(S.CANCELLED, f"cancelled at the PSP ({view.psp_status})")
            if view is not None and view.payment_failed:
                return await self._dunning(self._renewal_failed_at(), view)
            woke = await self._wait(deadline, self._poll_s(attempt))
            if woke == "cancel":
                done = await self._on_cancel_request()
                if done is not None:
                    return done
            if woke == "deadline":
                break
        return await self._dunning(workflow.now())

    def _renewal_failed_at(self) -> datetime:
        """When the renewal that failed was due: the period's end, or now if that is
        earlier. A failure seen late (a restarted run, a worker that was down) so gets
        no longer grace than one seen at once."""
        now = workflow.now()
        if self._period_end is None or not workflow.patched(KEEP_DEADLINES_PATCH):
            return now
        return min(now, self._period_end)

    async def _resume_dunning(self) -> SubscriptionStatus:
        """A run started on a ``past_due`` row (reconciliation restarted it: its workflow
        was gone) goes on with the row's own timetable, so a restart never grants more
        access: the grace deadline stays the row's; a grace already over stays over, and
        the checks left count from now as if the first had just run."""
        assert self._snap is not None
        schedule, scale = self._snap.dunning_schedule_s, self._inp.seconds_per_day
        if self._snap.grace_until is not None:
            failed_at = dunning_start(self._snap.grace_until, schedule, scale)
            return await self._dunning(failed_at, resumed=True)
        failed_at = dunning_start(workflow.now(), schedule, scale)
        return await self._dunning(failed_at, resumed=True, grace_over=True)

    async def _dunning(
        self,
        failed_at: datetime,
        view: PspView | None = None,
        *,
        resumed: bool = False,
        grace_over: bool = False,
    ) -> SubscriptionStatus:
        """Past due from ``failed_at``: checks at the dunning offsets, the grace until the
        first. ``resumed``: the row already says past due (nothing is recorded at the
        start); ``grace_over``: its first check already ran."""
        assert self._snap is not None
        schedule = self._snap.dunning_schedule_s
        times = dunning_times(failed_at, schedule, self._inp.seconds_per_day) or [failed_at]
        action = bool(view and view.action_required)
        if not resumed:
            await self._record(
                self._change(
                    S.PAST_DUE,
                    reason="renewal needs the payer's authentication"
                    if action
                    else "renewal payment failed",
                    grace_until=times[0],
                    payer_details={"hosted_invoice_url": view.pay_url or ""} if view else None,
                    event="payment_action_required" if action else None,
                )
            )
        self._set_stage("past_due")
        polls = 0  # the poll backoff runs on across checks: days of dunning stay small
        for n, check_at in enumerate(times):
            if grace_over and n == 0:
                continue  # the first check ran before the restart
            self._next_dunning = check_at
            self._set_stage("past_due")
            for _ in range(LOOPS):
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
                        ended = "renewal payment failed; grace period over"
                        await self._record(self._change(S.PAST_DUE, reason=ended, clear_grace=True))
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
        if not self._converting_trial:  # a trial's first paid period is period 0
            self._inp = self._inp.model_copy(update={"period_index": self._inp.period_index + 1})
        self._converting_trial = False
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
