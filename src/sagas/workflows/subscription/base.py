"""State, message handlers and small helpers of :class:`SubscriptionWorkflow`.

Handlers only record: ``psp_event`` keeps the event id (duplicates dropped) and pokes the
run loop, which re-reads the PSP; ``cancel`` queues a request the run loop carries out
and answers when it has; ``operator_action`` answers a ``NeedsAttention`` wait.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from sagas.domain.psp_events import PspEvent
    from sagas.domain.subscriptions import PspView
    from sagas.workflows.operator.actions import (
        OperatorAction,
        OperatorActionKind,
        OperatorActionResult,
    )
    from sagas.workflows.operator.attention import Attention
    from sagas.workflows.saga.desk import OperatorDesk
    from sagas.workflows.saga.inbox import EventInbox
    from sagas.workflows.saga.reporter import report_stage
    from sagas.workflows.subscription import steps
    from sagas.workflows.subscription.messages.cancel import CancelRequest, CancelResult
    from sagas.workflows.subscription.messages.inputs import SubscriptionInput, SubscriptionRef
    from sagas.workflows.subscription.messages.psp import CancelAtPspInput, PayerDetails, ReadInput
    from sagas.workflows.subscription.messages.queries import GatewayReady, SubscriptionState
    from sagas.workflows.subscription.messages.snapshot import Snapshot
    from sagas.workflows.subscription.messages.status import TERMINAL, SubscriptionStatus
    from sagas.workflows.subscription.messages.transitions import Transition
    from sagas.workflows.subscription.periods import REAL_DAY_S

MAX_POLL_S = 3600.0


class SubscriptionBase:
    _marker: str | None = None

    def __init__(self) -> None:
        self._inp = SubscriptionInput(subscription_id="")
        self._snap: Snapshot | None = None
        self._status: SubscriptionStatus | None = None
        self._stage_name = "starting"
        self._seen: list[str] = []  # this run's event ids (a renewal's run starts anew)
        self._inbox = EventInbox(self._seen)
        self._period_events: list[str] = []
        self._poke = False
        self._cancel_request: CancelRequest | None = None
        self._cancel_result: CancelResult | None = None
        self._cancel_error: str | None = None
        self._attention = Attention()
        self._desk = OperatorDesk()
        self._payer: PayerDetails | None = None
        self._gateway_error: str | None = None
        self._open_error: str | None = None
        self._period_end: datetime | None = None
        self._next_dunning: datetime | None = None
        self._cancel_at_period_end = False
        self._converting_trial = False  # the PSP's trial conversion starts period 0

    # -- messages ---------------------------------------------------------------------

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        if not self._inbox.record(event.event_id):
            return
        self._period_events.append(event.event_id)
        self._poke = True

    @workflow.query(name="state")
    def state(self) -> SubscriptionState:
        return SubscriptionState(
            subscription_id=self._inp.subscription_id,
            stage=self._stage_name,
            status=self._status,
            period_index=self._inp.period_index,
            current_period_end=self._period_end,
            next_dunning_at=self._next_dunning,
            gateway_subscription_id=self._payer.gateway_subscription_id if self._payer else None,
            cancel_at_period_end=self._cancel_at_period_end,
            events_seen=len(self._seen),
            attention=self._attention,
        )

    @workflow.update  # named after the method (so callers can reference it typed)
    async def gateway_ready(self, _ref: SubscriptionRef) -> GatewayReady:
        """Answers once the PSP subscription exists (or could not be made): the API waits
        on this to return what the payer needs."""
        await workflow.wait_condition(
            lambda: self._payer is not None or self._gateway_error is not None or self._terminal()
        )
        assert self._status is not None
        return GatewayReady(status=self._status, payer=self._payer, error=self._gateway_error)

    @workflow.update
    async def cancel(self, req: CancelRequest) -> CancelResult:
        # Right after the start the row may not be loaded yet: the request waits for it
        # (the run loop carries it out at its first wait), it is never refused for that.
        await workflow.wait_condition(lambda: self._status is not None)
        if self._terminal():
            return self._cancel_answer()
        if req.at_period_end and self._cancel_at_period_end:
            return self._cancel_answer()
        self._cancel_request, self._cancel_result, self._cancel_error = req, None, None
        await workflow.wait_condition(
            lambda: (
                self._cancel_result is not None
                or self._cancel_error is not None
                or self._terminal()
            )
        )
        if self._cancel_result is None and self._cancel_error is None:
            self._cancel_request = None
            return self._cancel_answer()  # it ended meanwhile (expired, cancelled)
        if self._cancel_error is not None:
            raise ApplicationError(self._cancel_error, type="PspRejected", non_retryable=True)
        assert self._cancel_result is not None
        return self._cancel_result

    @cancel.validator
    def _check_cancel(self, req: CancelRequest) -> None:
        if self._terminal():
            raise ValueError(f"the subscription is already {self._status}")
        if self._cancel_request is not None:
            raise ValueError("a cancellation is already in progress")

    @workflow.update(name="operator_action")
    async def operator_action(self, action: OperatorAction) -> OperatorActionResult:
        self._attention.last_action = action
        return self._desk.accept(action, self._stage_name)

    @operator_action.validator
    def _check_operator_action(self, action: OperatorAction) -> None:
        self._desk.validate(action, self._attention)

    # -- helpers ----------------------------------------------------------------------

    def _terminal(self) -> bool:
        return self._status in TERMINAL

    def _cancel_answer(self) -> CancelResult:
        assert self._status is not None
        return CancelResult(
            status=self._status,
            cancel_at_period_end=self._cancel_at_period_end,
            current_period_end=self._period_end,
        )

    def _upsert(self, updates: list[SearchAttributeUpdate[Any]]) -> None:
        workflow.upsert_search_attributes(updates)

    def _set_stage(self, stage: str) -> None:
        self._stage_name = stage
        needs = self._attention.needed
        report_stage(stage, needs_attention=needs, details=self._details())

    def _details(self) -> str:
        snap = self._snap
        plan = (
            f"{snap.price_minor} {snap.currency} / {snap.interval_count} {snap.interval}"
            if snap
            else "?"
        )
        lines = [
            f"**{self._stage_name}** · subscription `{self._inp.subscription_id}`"
            f" · period {self._inp.period_index}",
            f"plan {plan} · gateway {snap.gateway if snap else '?'}"
            f" · customer {snap.customer_id if snap else '?'}",
        ]
        if self._inp.seconds_per_day != REAL_DAY_S:
            lines.append(f"development time scale: 1 day = {self._inp.seconds_per_day} s")
        if self._period_end:
            lines.append(f"period ends {self._period_end.isoformat()}")
        if self._next_dunning:
            lines.append(f"next dunning check {self._next_dunning.isoformat()}")
        if self._attention.needed:
            lines.append(f"NEEDS ATTENTION: {self._attention.reason}")
        return "\n\n".join(lines)

    async def _wait(self, until: datetime, poll_s: float | None = None) -> str:
        """Wait for a cancel request, a PSP event, a poll tick or ``until``; say which."""
        remaining = (until - workflow.now()).total_seconds()
        timeout = min(remaining, poll_s) if poll_s else remaining
        if self._cancel_request is not None:
            return "cancel"
        if timeout <= 0:
            return "deadline"
        try:
            await workflow.wait_condition(
                lambda: self._cancel_request is not None or self._poke, timeout=timeout
            )
        except TimeoutError:
            return "deadline" if workflow.now() >= until else "poll"
        if self._cancel_request is not None:
            return "cancel"
        self._poke = False
        return "poke"

    def _poll_s(self, attempt: int) -> float:
        """The PSP poll backs off from the configured interval to an hour."""
        assert self._snap is not None
        return min(float(self._snap.poll_interval_s) * (2 ** min(attempt, 20)), MAX_POLL_S)

    async def _record(self, change: Transition) -> None:
        await steps.record(change)
        self._status = change.status
        if change.cancel_at_period_end is not None:
            self._cancel_at_period_end = change.cancel_at_period_end

    async def _read_psp(self) -> PspView:
        assert self._snap is not None and self._snap.gateway and self._payer
        return await steps.read_psp(
            ReadInput(
                gateway=self._snap.gateway,
                gateway_subscription_id=self._payer.gateway_subscription_id,
            )
        )

    async def _try_read_psp(self) -> PspView | None:
        """A read in a wait loop (first payment, period end, dunning). A PSP outage that
        outlasts the activity's retries is no news, not the end of a subscription that
        lives for years: the loop looks again at its next poll, within its window."""
        try:
            return await self._read_psp()
        except ActivityError as err:
            workflow.logger.warning("reading the PSP failed; will look again: %s", err.cause)
            return None

    async def _cancel_at_psp(self, *, at_period_end: bool) -> None:
        """The compensation: retried generously, then NeedsAttention until an operator
        retries it or resolves it by hand; never swallowed."""
        for _ in range(1000):  # bounded: each round waits for an operator
            try:
                await steps.compensate_at_psp(
                    CancelAtPspInput(
                        subscription_id=self._inp.subscription_id, at_period_end=at_period_end
                    )
                )
                return
            except ActivityError as err:
                action = await self._needs_attention(
                    f"cancelling the PSP subscription failed: {err.cause or err}",
                    [OperatorActionKind.RETRY, OperatorActionKind.RESOLVE],
                )
                if action.action is OperatorActionKind.RESOLVE:
                    return

    async def _needs_attention(
        self, reason: str, allowed: list[OperatorActionKind]
    ) -> OperatorAction:
        def show(attention: Attention) -> None:
            attention.last_action = self._attention.last_action
            self._attention = attention
            self._set_stage(self._stage_name)
            workflow.logger.warning(
                "subscription %s needs attention: %s", self._inp.subscription_id, reason
            )

        action = await self._desk.ask(reason, show, tuple(allowed))
        self._attention = Attention(last_action=action)
        self._set_stage(self._stage_name)
        return action
