"""The reconciliation sweep's report, item by item."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


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
    payments_signalled_to_running_sagas: list[ReportItem] = Field(default_factory=list)
    subscriptions_signalled: list[ReportItem] = Field(default_factory=list)
    failed_delivery_events_applied: list[ReportItem] = Field(default_factory=list)
    stuck_subscriptions_restarted: list[ReportItem] = Field(default_factory=list)
    errors: list[ReportItem] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    # What the sweep read: per finder, and per kind (``stripe.payment_intent``,
    # ``stripe.checkout_session``, ``stripe.payment_link``, ``stripe.subscription``,
    # ``stripe.failed_delivery_event``, ``razorpay.razorpay_order``, ...).
    examined: dict[str, int] = Field(default_factory=dict)

    def count(self) -> None:
        self.counts = {
            name: len(getattr(self, name))
            for name in (
                "orphan_gateway_objects_cancelled",
                "late_payments_handed_to_review",
                "stuck_checkouts_restarted_or_signalled",
                "pending_refunds_nudged",
                "failed_webhook_events_redelivered",
                "payments_signalled_to_running_sagas",
                "subscriptions_signalled",
                "failed_delivery_events_applied",
                "stuck_subscriptions_restarted",
                "errors",
            )
        }
