"""The reconciliation sweep's input and its report."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

_MONTH = 30 * 24 * 3600


class ReconcileInput(BaseModel):
    """Thresholds of one sweep. The defaults suit the schedule; a test or an operator
    narrows them (an ``older_than_s`` of 0 also sweeps objects created a moment ago)."""

    limit: int = Field(default=100, ge=1, le=500)  # per finder and per PSP list
    older_than_s: int = Field(default=300, ge=0, le=_MONTH)  # ignore younger objects/rows
    checkout_grace_s: int = Field(default=120, ge=0, le=_MONTH)  # past expires_at: nudge
    refund_pending_s: int = Field(default=900, ge=0, le=_MONTH)  # pending longer than this
    webhook_failed_older_than_s: int = Field(default=120, ge=0, le=_MONTH)  # PSP retries first
    lookback_s: int = Field(default=7 * 24 * 3600, ge=60, le=3 * _MONTH)  # PSP lists go back


class ReportItem(BaseModel):
    object_type: str
    object_id: str
    action: str
    detail: str = ""


class ReconcileReport(BaseModel):
    sweep_id: str
    started_at: datetime
    finished_at: datetime | None = None
    orphan_gateway_objects_cancelled: list[ReportItem] = Field(default_factory=list)
    late_payments_handed_to_review: list[ReportItem] = Field(default_factory=list)
    stuck_checkouts_restarted_or_signalled: list[ReportItem] = Field(default_factory=list)
    pending_refunds_nudged: list[ReportItem] = Field(default_factory=list)
    failed_webhook_events_redelivered: list[ReportItem] = Field(default_factory=list)
    errors: list[ReportItem] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    examined: dict[str, int] = Field(default_factory=dict)  # rows/objects each finder read

    def count(self) -> None:
        self.counts = {
            name: len(getattr(self, name))
            for name in (
                "orphan_gateway_objects_cancelled",
                "late_payments_handed_to_review",
                "stuck_checkouts_restarted_or_signalled",
                "pending_refunds_nudged",
                "failed_webhook_events_redelivered",
                "errors",
            )
        }


class SweepState(BaseModel):
    """What the ``state`` query answers while a sweep runs."""

    stage: str
    report: ReconcileReport | None = None
