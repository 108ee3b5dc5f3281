"""What a saga exposes in its ``state`` query about an operator's needed help."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from sagas.workflows.operator.actions import OperatorAction, OperatorActionKind


class Attention(BaseModel):
    """What a saga exposes in its ``state`` query about an operator's needed help."""

    needed: bool = False
    reason: str | None = None
    since: datetime | None = None
    allowed_actions: list[OperatorActionKind] = Field(default_factory=list)
    last_action: OperatorAction | None = None
