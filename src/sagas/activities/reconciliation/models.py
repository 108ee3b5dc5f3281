"""What the reconciliation finders hand to the repairer, and what a repair reports.

A finder looks (database, Temporal, PSP) and answers :class:`Finding` rows; the workflow
then asks :meth:`~sagas.activities.reconciliation.activities.ReconciliationActivities.repair`
about each one. The repairer re-reads everything first, because a finding can be stale by
the time it is repaired (the saga may have closed the case meanwhile): a repair that finds
nothing left to do answers ``action=None`` and the report does not count it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class FindingKind(StrEnum):
    STUCK_CHECKOUT = "stuck_checkout"  # waiting row whose workflow is gone or overdue
    OPEN_ORPHAN = "open_orphan"  # a payable gateway object no live checkout owns
    CAPTURED_UNHELD = "captured_unheld"  # money captured that no payment row holds
    PENDING_REFUND = "pending_refund"  # refund pending past the threshold
    FAILED_WEBHOOK = "failed_webhook"  # a recorded webhook whose hand-off failed
    PAID_RUNNING = "paid_running"  # money for a saga still waiting: signal it, as a webhook
    SUBSCRIPTION_LIVE = "subscription_live"  # PSP charges it, our row still waits: signal
    FAILED_DELIVERY = "failed_delivery"  # a PSP event whose delivery failed: apply it
    STUCK_SUBSCRIPTION = "stuck_subscription"  # live row whose workflow is gone: restart


class Bucket(StrEnum):
    """The report list a repair lands in (the field names of ``ReconcileReport``)."""

    ORPHANS = "orphan_gateway_objects_cancelled"
    REVIEW = "late_payments_handed_to_review"
    CHECKOUTS = "stuck_checkouts_restarted_or_signalled"
    REFUNDS = "pending_refunds_nudged"
    WEBHOOKS = "failed_webhook_events_redelivered"
    SIGNALLED = "payments_signalled_to_running_sagas"
    SUBSCRIPTIONS = "subscriptions_signalled"
    DELIVERIES = "failed_delivery_events_applied"
    SUBSCRIPTIONS_RESTARTED = "stuck_subscriptions_restarted"


#: The report list each kind of finding's repair lands in.
BUCKET_OF = {
    FindingKind.STUCK_CHECKOUT: Bucket.CHECKOUTS,
    FindingKind.OPEN_ORPHAN: Bucket.ORPHANS,
    FindingKind.CAPTURED_UNHELD: Bucket.REVIEW,
    FindingKind.PENDING_REFUND: Bucket.REFUNDS,
    FindingKind.FAILED_WEBHOOK: Bucket.WEBHOOKS,
    FindingKind.PAID_RUNNING: Bucket.SIGNALLED,
    FindingKind.SUBSCRIPTION_LIVE: Bucket.SUBSCRIPTIONS,
    FindingKind.FAILED_DELIVERY: Bucket.DELIVERIES,
    FindingKind.STUCK_SUBSCRIPTION: Bucket.SUBSCRIPTIONS_RESTARTED,
}


class FindInput(BaseModel):
    sweep_id: str  # unique per sweep run: makes nudge signals distinct from earlier ones
    as_of: datetime  # the sweep's clock (workflow time), so every finder cuts the same way
    limit: int
    older_than_s: int
    checkout_grace_s: int
    refund_pending_s: int
    webhook_failed_older_than_s: int
    lookback_s: int
    subscription_idle_s: int = 300


class Finding(BaseModel):
    kind: FindingKind
    sweep_id: str
    gateway: str | None = None
    object_type: str  # checkout | payment_intent | checkout_session | razorpay_payment | refund …
    object_id: str
    checkout_id: str | None = None
    payment_id: str | None = None
    gateway_object_id: str | None = None  # what the payment belongs to (pi_/cs_/order_)
    amount_minor: int | None = None
    currency: str | None = None
    detail: str = ""

    def outcome(self) -> RepairOutcome:
        """A repair of this finding that has done nothing yet, in its kind's report list."""
        return RepairOutcome(
            bucket=BUCKET_OF[self.kind],
            object_type=self.object_type,
            object_id=self.object_id,
            action=None,
        )


class FindResult(BaseModel):
    examined: int
    findings: list[Finding]
    # What was read, per kind ("stripe.payment_intent", "razorpay.order", "checkouts" ...).
    examined_by_kind: dict[str, int] = Field(default_factory=dict)


class RepairOutcome(BaseModel):
    bucket: Bucket
    object_type: str
    object_id: str
    action: str | None  # None: nothing left to do (the case closed by itself meanwhile)
    detail: str = ""
