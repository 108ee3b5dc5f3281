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
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.checkout import steps
    from sagas.workflows.checkout.inputs import CancelRequest, CheckoutInput, CheckoutResult
    from sagas.workflows.checkout.state import CheckoutState, Stage
    from sagas.workflows.operator import Attention, OperatorAction, OperatorActionKind

MAX_HINTS = 20


class CheckoutCore:
    _inp: CheckoutInput
    _state: CheckoutState
    _hints: list[str]
    _operator: OperatorAction | None
    _cancel: CancelRequest | None

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
