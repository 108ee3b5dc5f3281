"""A dispute as ``GET`` (and its merchant events) show it."""

from __future__ import annotations

from api.schemas.disputes import DisputeOut
from sagas.db.models.disputes import Dispute


def dispute_out(d: Dispute) -> DisputeOut:
    return DisputeOut(
        id=d.id,
        order_id=d.order_id,
        gateway=d.gateway,
        gateway_dispute_id=d.gateway_dispute_id,
        gateway_payment_id=d.gateway_payment_id,
        amount=d.amount_minor,
        currency=d.currency,
        reason=d.reason,
        status=d.status,
        evidence_due_by=d.evidence_due_by,
        evidence_submitted_at=d.evidence_submitted_at,
        accepted_at=d.accepted_at,
        needs_review=d.needs_review,
        withdrawn=d.withdrawn_minor,
        reinstated=d.reinstated_minor,
        workflow_id=d.workflow_id,
        created_at=d.created_at,
        closed_at=d.closed_at,
    )
