"""The checkout workflow's bookkeeping: stage changes (search attributes and the UI
details), the operator loop behind ``NeedsAttention``, hints and the result.

A plain base class (no Temporal handlers here): :class:`CheckoutWorkflow` sets every
attribute in its ``@workflow.init`` and owns the run method and the messages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.models import ReadInput
    from sagas.domain.settlement import Rejection
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.checkout import steps
    from sagas.workflows.checkout.inputs import (
        CancelRequest,
        Carry,
        CheckoutInput,
        CheckoutResult,
        GatewayObjectResult,
    )
    from sagas.workflows.checkout.state import CheckoutState, RejectionRecord, Stage
    from sagas.workflows.operator import Attention, OperatorAction, OperatorActionKind

MAX_HINTS = 20
MAX_SEEN = 1000  # event ids remembered for dedupe (a forgotten duplicate costs one read)
MAX_JUDGED = 200
MAX_REJECTIONS = 50
CONTINUE_AS_NEW_PATCH = "continue-as-new-while-waiting"
NEVER_OURS = {Rejection.WRONG_CHECKOUT, Rejection.WRONG_OBJECT}


class CheckoutCore:
    _inp: CheckoutInput
    _state: CheckoutState
    _hints: list[str]
    _operator: OperatorAction | None
    _cancel: CancelRequest | None
    _gateway_result: GatewayObjectResult | None
    _seen: dict[str, None]  # insertion-ordered set: deterministic when carried over
    _events_total: int
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
            except ActivityError as err:
                action = await self._needs_operator(f"{what} failed: {steps.cause(err)}")
            if action != OperatorActionKind.RETRY:  # by value: the sandbox may copy the enum
                return False
        return False

    async def _needs_operator(self, reason: str) -> OperatorActionKind:
        allowed = [OperatorActionKind.RETRY, OperatorActionKind.RESOLVE, OperatorActionKind.CANCEL]
        self._state.attention = Attention(
            needed=True, reason=reason, since=workflow.now(), allowed_actions=allowed
        )
        self._set_stage(self._state.stage)
        await workflow.wait_condition(lambda: self._operator is not None)
        action, self._operator = self._operator, None
        assert action is not None
        # From plain data: the sandbox may hold another copy of the OperatorAction class.
        self._state.attention = Attention.model_validate({"last_action": action.model_dump()})
        self._set_stage(self._state.stage)
        return action.action

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
                "seen": list(self._seen)[-MAX_SEEN:],
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
        self._seen = dict.fromkeys(carry.seen)
        self._events_total = carry.events_seen
        self._judged = dict(carry.judged)
        self._hints = list(carry.hints)
        self._set_aside = set(carry.set_aside)
        self._wake = carry.wake

    # -- shared steps --------------------------------------------------------------------

    async def _record_rejection(self, payment_id: str, reason: Rejection, detail: str) -> None:
        if self._judged.get(payment_id) != reason:
            self._state.rejections.append(
                RejectionRecord(
                    payment_id=payment_id, reason=reason, detail=detail, at=workflow.now()
                )
            )
            self._state.reason = f"{reason.value}: {detail}"
            await steps.set_stage(self._inp.checkout_id, None, self._state.reason)
        self._judged[payment_id] = reason
        if reason in NEVER_OURS and payment_id in self._hints:
            self._hints.remove(payment_id)

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

    def _set_stage(self, stage: Stage) -> None:
        self._state.stage = stage
        workflow.upsert_search_attributes(
            sa.stage_attributes(stage.value, needs_attention=self._state.attention.needed)
        )
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
        return ReadInput(
            checkout_id=self._inp.checkout_id,
            gateway=self._inp.gateway,
            flow=self._inp.flow,
            gateway_object_id=self._state.gateway_object_id or "",
            created_unix=int(self._inp.created_at.timestamp()) - 60,
            hints=list(self._hints),
        )

    async def _review_extra_payments(self) -> None:
        """No money stays captured without a paid order: another settled payment of this
        checkout (a Link paid twice before deactivation) goes to PaymentReviewWorkflow."""
        req = self._read_input()
        try:
            payments = (await steps.read_payments(req)).payments
        except ActivityError as err:
            workflow.logger.warning("final read failed; reconciliation covers it: %s", err)
            return
        for snap in payments:
            extra = snap.payment_id != self._state.payment_id
            if extra and snap.checkout_id == self._inp.checkout_id and snap.status == "settled":
                await steps.start_review(self._inp.checkout_id, snap)
