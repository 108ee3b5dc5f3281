"""The sweep's ``state`` query model."""

from __future__ import annotations

from pydantic import BaseModel

from sagas.workflows.reconciliation.messages.report import ReconcileReport


class SweepState(BaseModel):
    """What the ``state`` query answers while a sweep runs."""

    stage: str
    report: ReconcileReport | None = None
