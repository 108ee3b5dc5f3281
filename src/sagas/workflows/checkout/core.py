"""The checkout workflow's bookkeeping: stage changes (search attributes and the UI
details), the operator loop behind ``NeedsAttention``, hints and the result.

A plain base class (no Temporal handlers here): :class:`CheckoutWorkflow` sets every
attribute in its ``@workflow.init`` and owns the run method and the messages. The saga's
steps build on it side by side: :mod:`.gate` (judging payments), :mod:`.hold` (manual
capture) and :mod:`.fulfilment` (after paid).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.models import ReadInput
    from sagas.domain.settlement import Rejection
    from sagas.workflows.checkout import steps
    from sagas.workflows.checkout.messages.inputs import (
        CancelRequest,
        Carry,
        CheckoutInput,
        CheckoutResult,
        GatewayObjectResult,
    )
    from sagas.workflows.checkout.messages.state import CheckoutState, RejectionRecord, Stage
    from sagas.workflows.operator.actions import OperatorActionKind
    from sagas.workflows.operator.attention import Attention
    from sagas.workflows.saga.desk import OperatorDesk, handled
    from sagas.workflows.saga.inbox import EventInbox
    from sagas.workflows.saga.reporter import report_stage

MAX_HINTS = 20
MAX_SEEN = 1000  # event ids remembered for dedupe (a forgotten duplicate costs one read)
MAX_JUDGED = 200
MAX_REJECTIONS = 50
CONTINUE_AS_NEW_PATCH = "continue-as-new-while-waiting"
#: Fewer commands on the way to fulfilled: the gateway object id and the first stage in
#: one upsert, no upsert for ``paid`` when ``fulfilling`` follows in the same task, and
#: the settlement's short database write as a local activity (no activity task on the
#: server, one workflow task fewer).
LEAN_PATCH = "checkout-lean-paid-path"
PROCESSING_PATCH = "processing-outlives-expiry"  # 11.3: kept open while the PSP settles
REQUIRES_ACTION_PATCH = "requires-action-shown"  # 11.3: next_action recorded for the payer
FREE_ORDER_PATCH = "free-order-paid-at-once"  # 11.1: a 0 total never reaches a PSP
LATE_EVENTS_PATCH = "events-after-the-last-read-reviewed"  # see _review_late_events
MAX_LATE_READS = 20
NEVER_OURS = {Rejection.WRONG_CHECKOUT, Rejection.WRONG_OBJECT}
ANY_ACTION = (OperatorActionKind.RETRY, OperatorActionKind.RESOLVE, OperatorActionKind.CANCEL)
#: How a failed step surfaces: an activity's failure is an ActivityError, but a local
#: activity's non-retryable business error (a settle ``Conflict``) arrives unwrapped.
STEP_ERRORS = (ActivityError, ApplicationError)


class CheckoutCore:
    _inp: CheckoutInput
    _state: CheckoutState
    _hints: list[str]
    _desk: OperatorDesk
    _cancel: CancelRequest | None
    _gateway_result: GatewayObjectResult | None
    _seen: list[str]  # the inbox's event ids, oldest first (carried over by continue-as-new)
    _inbox: EventInbox
    _events_total: int
    _unread_events: int  # events since the last PSP read was asked for, but our payment's
    _judged: dict[str, str]  # payment id → verdict or rejection reason
    _set_aside: set[str]
    _wake: bool

    async def _operator_step(self, what: str, step: Callable[[], Awaitable[Any]]) -> bool:
        """Run ``step``; when it finally fails, ask an operator: retry, resolve or cancel.
        True when the step ran, False when an operator resolved or cancelled it."""
        for _ in range(1000):
            try:
                await step()
                return True
            except STEP_ERRORS as err:
                action = await self._needs_operator(f"{what} failed: {steps.cause(err)}")
            if action != OperatorActionKind.RETRY:  # by value: the sandbox may copy the enum
                return False
        return False

    async def _needs_operator(self, reason: str) -> OperatorActionKind:
        action = await self._desk.ask(reason, self._show, allowed=ANY_ACTION)
        self._state.attention = handled(action)
        self._set_stage(self._state.stage)
        return action.action

    def _show(self, attention: Attention) -> None:
        self._state.attention = attention
        self._set_stage(self._state.stage)

    # -- continue-as-new while waiting -------------------------------------------------

    def _maybe_continue_as_new(self, polls: int) -> None:
        """Continue-as-new after ``max_polls_per_run`` polls or when Temporal suggests it,
        so a checkout that waits for days keeps a short history. Only between polls, with
        no handler in flight (an open ``razorpay_verified`` waits for the next read, so it
        is let finish first), no cancel and no event still to read: nothing is dropped.
        Signals sent after this run closes reach the next run; the PSP poll covers the
        rest. Patched: histories recorded before this existed never continue-as-new."""
        if self._cancel is not None or self._wake or not workflow.all_handlers_finished():
            return
        due = polls >= self._inp.max_polls_per_run
        if not (due or workflow.info().is_continue_as_new_suggested()):
            return
        if not workflow.patched(CONTINUE_AS_NEW_PATCH):
            return
        workflow.continue_as_new(self._inp.model_copy(update={"carry": self._carry()}))

    def _carry(self) -> Carry:
        assert self._gateway_result is not None
        s = self._state
        # From plain data: the sandbox may hold other copies of the nested model classes.
        return Carry.model_validate(
            {
                "stage": s.stage.value,
                "gateway": self._gateway_result.model_dump(mode="json"),
                "seen": self._seen[-MAX_SEEN:],
                "events_seen": self._events_total,
                "judged": {k: str(v) for k, v in list(self._judged.items())[-MAX_JUDGED:]},
                "hints": list(self._hints),
                "set_aside": sorted(self._set_aside),
                "rejections": [r.model_dump(mode="json") for r in s.rejections[-MAX_REJECTIONS:]],
                "reason": s.reason,
                "attention": s.attention.model_dump(mode="json"),
                "psp_reads": s.psp_reads,
                "runs": s.runs,
                "wake": self._wake,
                "processing_since": s.processing_since.isoformat() if s.processing_since else None,
                "next_action_url": s.next_action_url,
            }
        )

    def _restore(self, carry: Carry) -> None:
        s = self._state
        s.stage, s.reason = Stage(carry.stage), carry.reason
        s.attention = Attention.model_validate(carry.attention.model_dump())
        s.gateway_object_id = carry.gateway.gateway_object_id
        s.rejections = [RejectionRecord.model_validate(r.model_dump()) for r in carry.rejections]
        s.psp_reads, s.runs = carry.psp_reads, carry.runs + 1
        self._gateway_result = carry.gateway
        self._seen = list(carry.seen)
        self._inbox = EventInbox(self._seen, keep=MAX_SEEN)
        self._events_total = carry.events_seen
        self._judged = dict(carry.judged)
        self._hints = list(carry.hints)
        self._set_aside = set(carry.set_aside)
        self._wake = carry.wake
        s.processing_since, s.next_action_url = carry.processing_since, carry.next_action_url

    # -- payments that take time or need the payer (CONTRACT 11.3) ----------------------

    def _deadline(self) -> datetime:
        """``expires_at``; while the PSP reports ``processing``, ``PROCESSING_DEADLINE_S``
        after it first did (a bank debit settles in days: never expired, never late)."""
        since = self._state.processing_since
        if self._state.stage != Stage.PROCESSING or since is None:
            return self._inp.expires_at
        bound = since + timedelta(seconds=self._inp.processing_deadline_s)
        return max(self._inp.expires_at, bound)

    async def _processing_overdue(self) -> bool:
        """The PSP never gave its final word: an operator decides. True: keep waiting."""
        if self._state.processing_since is None:
            return False  # a history from before processing outlived expiry
        action = await self._needs_operator(
            f"payment still processing {self._inp.processing_deadline_s} s after it began"
        )
        if action == OperatorActionKind.RETRY:
            self._state.processing_since = workflow.now()
            return True
        return False

    def _closing_reason(self) -> tuple[Stage, str]:
        if self._cancel is not None:
            return Stage.CANCELLED, self._cancel.reason
        if self._state.processing_since is not None:  # the slow payment ended, unpaid
            return Stage.FAILED, f"the processing payment did not settle: {self._state.reason}"
        return Stage.EXPIRED, "expired unpaid"

    # -- shared steps --------------------------------------------------------------------

    async def _close(self, stage: Stage, reason: str) -> None:
        self._state.reason = reason
        await self._operator_step(
            f"close the checkout as {stage.value}",
            lambda: steps.close(self._inp.checkout_id, stage.value, reason),
        )
        self._set_stage(stage)

    async def _compensate(self) -> Any:
        return await steps.compensate(self._inp, self._state.gateway_object_id or "")

    # -- bookkeeping -------------------------------------------------------------------

    def _lean(self) -> bool:
        """Patched (histories recorded before it keep their commands): see LEAN_PATCH.
        The SDK memoizes the answer per run, so every call site of a run agrees."""
        return workflow.patched(LEAN_PATCH)

    def _set_stage(
        self,
        stage: Stage,
        *,
        publish: bool = True,
        extra: Sequence[SearchAttributeUpdate[Any]] = (),
    ) -> None:
        """Record ``stage``; ``publish=False`` leaves the search attributes to the next
        stage change of the same workflow task (nothing can observe the one in between)."""
        self._state.stage = stage
        if publish:
            needs = self._state.attention.needed
            report_stage(stage.value, needs_attention=needs, details=self._details(), first=extra)
        else:
            workflow.set_current_details(self._details())

    def _details(self) -> str:
        s = self._state
        lines = [
            f"**{s.stage.value}** · {s.amount_minor} {s.currency} via {s.gateway}/{s.flow}",
            f"order {s.order_id} · expires {s.expires_at.isoformat()}",
        ]
        if s.runs > 1:
            lines.append(f"run {s.runs} (continued-as-new while waiting)")
        if s.gateway_object_id:
            lines.append(f"gateway object {s.gateway_object_id}")
        if s.reason:
            lines.append(f"last reason: {s.reason}")
        if s.attention.needed:
            lines.append(f"NEEDS ATTENTION: {s.attention.reason}")
        return "\n\n".join(lines)

    def _result(self) -> CheckoutResult:
        return CheckoutResult(
            checkout_id=self._inp.checkout_id,
            stage=self._state.stage,
            payment_id=self._state.payment_id,
            reason=self._state.reason,
        )

    def _hint(self, *ids: str | None) -> None:
        for value in ids:
            if value and value != self._state.gateway_object_id and value not in self._hints:
                self._hints.append(value)
        del self._hints[:-MAX_HINTS]

    def _read_input(self) -> ReadInput:
        self._unread_events = 0  # this read sees what they told
        return ReadInput(
            checkout_id=self._inp.checkout_id,
            gateway=self._inp.gateway,
            flow=self._inp.flow,
            gateway_object_id=self._state.gateway_object_id or "",
            created_unix=int(self._inp.created_at.timestamp()) - 60,
            hints=list(self._hints),
        )
