"""Operator actions shared by every saga: ``retry``, ``cancel``, ``resolve`` with a reason.

A step that cannot go on by itself (an amount mismatch, a compensation that keeps failing,
a PSP error that is not transient) sets ``NeedsAttention``, records why, and waits for one
of these, sent from the Temporal UI or CLI as the ``operator_action`` update::

    temporal workflow update execute --workflow-id checkout-co_… --name operator_action \
        --input '{"action": "retry", "reason": "PSP outage over"}'

The update's validator refuses an action when nothing needs attention, when the action
is not offered at this step, or when the reason is empty, so a mistaken click is rejected
before it enters the history.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class OperatorActionKind(StrEnum):
    RETRY = "retry"
    CANCEL = "cancel"
    RESOLVE = "resolve"


class OperatorAction(BaseModel):
    action: OperatorActionKind
    reason: str = Field(default="", max_length=500)
    actor: str | None = None


class OperatorActionResult(BaseModel):
    accepted: bool
    stage: str
    message: str


class Attention(BaseModel):
    """What a saga exposes in its ``state`` query about an operator's needed help."""

    needed: bool = False
    reason: str | None = None
    since: datetime | None = None
    allowed_actions: list[OperatorActionKind] = Field(default_factory=list)
    last_action: OperatorAction | None = None


def check_operator_action(action: OperatorAction, attention: Attention) -> None:
    """Raise ``ValueError`` (the update is rejected) unless the action may be taken now."""
    if not attention.needed:
        raise ValueError("this flow does not need an operator action now")
    if action.action not in attention.allowed_actions:
        allowed = ", ".join(a.value for a in attention.allowed_actions)
        raise ValueError(f"{action.action.value} is not possible here (allowed: {allowed})")
    if action.action is OperatorActionKind.RESOLVE and not action.reason.strip():
        raise ValueError("resolve needs a reason")
