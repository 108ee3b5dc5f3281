"""The ``operator_action`` update's payloads: ``retry``, ``cancel``, ``resolve`` with a reason.

A step that cannot go on by itself (an amount mismatch, a compensation that keeps failing,
a PSP error that is not transient) sets ``NeedsAttention``, records why, and waits for one
of these, sent from the Temporal UI or CLI as the ``operator_action`` update::

    temporal workflow update execute --workflow-id checkout-co_… --name operator_action \
        --input '{"action": "retry", "reason": "PSP outage over"}'
"""

from __future__ import annotations

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
