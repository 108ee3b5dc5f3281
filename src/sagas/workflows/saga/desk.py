"""The operator desk: a saga that cannot go on alone waits here for ``operator_action``.

The saga calls :meth:`OperatorDesk.ask` with the reason and the actions it offers; the
desk shows ``NeedsAttention`` through the saga's ``show`` callback (which reports the
stage) and waits. The workflow's ``operator_action`` update validates with
:meth:`OperatorDesk.validate` (a mistaken click never enters the history) and hands the
action over with :meth:`OperatorDesk.accept`. See :mod:`sagas.workflows.operator`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.workflows.operator.actions import (
        OperatorAction,
        OperatorActionKind,
        OperatorActionResult,
    )
    from sagas.workflows.operator.attention import Attention
    from sagas.workflows.operator.validation import check_operator_action

RETRY_OR_RESOLVE = (OperatorActionKind.RETRY, OperatorActionKind.RESOLVE)


class OperatorDesk:
    def __init__(self) -> None:
        self._pending: OperatorAction | None = None

    def validate(self, action: OperatorAction, attention: Attention) -> None:
        """The update's validator: ``ValueError`` unless the action may be taken now."""
        check_operator_action(action, attention)

    def accept(self, action: OperatorAction, stage: str) -> OperatorActionResult:
        """The update's handler: the waiting run loop picks the action up."""
        self._pending = action
        return OperatorActionResult(
            accepted=True, stage=stage, message=f"{action.action.value} accepted"
        )

    async def ask(
        self,
        reason: str,
        show: Callable[[Attention], None],
        allowed: tuple[OperatorActionKind, ...] = RETRY_OR_RESOLVE,
    ) -> OperatorAction:
        """Show ``NeedsAttention`` and wait for the operator's action. The caller then
        records :func:`handled` and reports its stage as its own history requires."""
        show(
            Attention(
                needed=True, reason=reason, since=workflow.now(), allowed_actions=list(allowed)
            )
        )
        await workflow.wait_condition(lambda: self._pending is not None)
        action, self._pending = self._pending, None
        assert action is not None
        return action


class OperatorDeskHandlers:
    """The ``operator_action`` update of a saga that keeps its :class:`OperatorDesk` in
    ``_desk`` and its ``stage`` and ``attention`` on ``_state``."""

    _desk: OperatorDesk
    _state: Any

    @workflow.update(name="operator_action")
    async def operator_action(self, action: OperatorAction) -> OperatorActionResult:
        return self._desk.accept(action, self._state.stage)

    @operator_action.validator
    def _validate_operator(self, action: OperatorAction) -> None:
        self._desk.validate(action, self._state.attention)


def handled(action: OperatorAction) -> Attention:
    """The attention after an action: nothing needed, the action kept for the record.
    From plain data: the sandbox may hold another copy of the OperatorAction class."""
    return Attention.model_validate({"last_action": action.model_dump()})
