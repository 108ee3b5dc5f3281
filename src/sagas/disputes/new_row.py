"""The row of a dispute first heard of (``needs_review`` when its payment is unknown)."""

from __future__ import annotations

from datetime import datetime

from sagas.db.ids import new_id
from sagas.db.models.disputes import Dispute
from sagas.db.models.orders import Order, Payment
from sagas.domain.disputes import (
    DisputeStatus,
    PspDispute,
)


def _new_row(
    psp: PspDispute, payment: Payment | None, order: Order | None, workflow_id: str, now: datetime
) -> Dispute:
    return Dispute(
        id=new_id("dsp"),
        gateway=psp.gateway,
        gateway_dispute_id=psp.gateway_dispute_id,
        gateway_payment_id=psp.gateway_payment_id,
        order_id=order.id if order is not None else None,
        payment_id=payment.id if payment is not None else None,
        amount_minor=psp.amount_minor,
        currency=psp.currency,
        reason=(psp.reason or "")[:255] or None,
        status=DisputeStatus.NEEDS_RESPONSE.value,
        psp_status=psp.raw_status,
        evidence_due_by=psp.evidence_due_by,
        order_status_before=order.status if order is not None else None,
        withdrawn_minor=0,
        reinstated_minor=0,
        needs_review=order is None,
        workflow_id=workflow_id,
        created_at=now,
        updated_at=now,
    )
