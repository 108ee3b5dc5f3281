"""A refund as ``GET`` (and its merchant events) show it."""

from __future__ import annotations

from api.schemas.refunds import RefundOut
from sagas.db.models.refunds import Refund


def refund_out(r: Refund) -> RefundOut:
    return RefundOut(
        id=r.id,
        order_id=r.order_id,
        status=r.status,
        amount=r.amount_minor,
        currency=r.currency,
        gateway=r.gateway,
        gateway_refund_id=r.gateway_refund_id,
        origin=r.origin,
        reason=r.reason,
        failure_reason=r.failure_reason,
        workflow_id=r.workflow_id,
        created_at=r.created_at,
        settled_at=r.settled_at,
    )
