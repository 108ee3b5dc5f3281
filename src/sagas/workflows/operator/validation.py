"""The ``operator_action`` update's validator: it refuses an action when nothing needs
attention, when the action is not offered at this step, or when the reason is empty, so a
mistaken click is rejected before it enters the history."""

from __future__ import annotations

from sagas.workflows.operator.actions import OperatorAction, OperatorActionKind
from sagas.workflows.operator.attention import Attention


def check_operator_action(action: OperatorAction, attention: Attention) -> None:
    """Raise ``ValueError`` (the update is rejected) unless the action may be taken now."""
    if not attention.needed:
        raise ValueError("this flow does not need an operator action now")
    if action.action not in attention.allowed_actions:
        allowed = ", ".join(a.value for a in attention.allowed_actions)
        raise ValueError(f"{action.action.value} is not possible here (allowed: {allowed})")
    if action.action == OperatorActionKind.RESOLVE and not action.reason.strip():  # by value
        raise ValueError("resolve needs a reason")
