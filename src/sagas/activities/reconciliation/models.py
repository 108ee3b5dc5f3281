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

from pydantic import BaseModel


class FindingKind(StrEnum):
    STUCK_CHECKOUT = "stuck_checkout"  # waiting row whose workflow is gone or overdue
    OPEN_ORPHAN = "open_orphan"  # a payable gateway object no live checkout owns
    CAPTURED_UNHELD = "captured_unheld"  # money captured that no payment row holds
    PENDING_REFUND = "pending_refund"  # refund pending past the threshold
    FAILED_WEBHOOK = "failed_webhook"  # a recorded webhook whose hand-off failed


class Bucket(StrEnum):
    """The report list a repair lands in (the field names of ``ReconcileReport``)."""

    ORPHANS = "orphan_gateway_objects_cancelled"
    REVIEW = "late_payments_handed_to_review"
    CHECKOUTS = "stuck_checkouts_restarted_or_signalled"
    REFUNDS = "pending_refunds_nudged"
    WEBHOOKS = "failed_webhook_events_redelivered"


class FindInput(BaseModel):
    sweep_id: str  # unique per sweep run: makes nudge signals distinct from earlier ones
    as_of: datetime  # the sweep's clock (workflow time), so every finder cuts the same way
    limit: int
    older_than_s: int
    checkout_grace_s: int
    refund_pending_s: int
    webhook_failed_older_than_s: int
    lookback_s: int


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


class FindResult(BaseModel):
    examined: int
    findings: list[Finding]


class RepairOutcome(BaseModel):
    bucket: Bucket
    object_type: str
    object_id: str
    action: str | None  # None: nothing left to do (the case closed by itself meanwhile)
    detail: str = ""
