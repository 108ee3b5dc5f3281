"""Recording what the PSP says about a dispute: the row, the order, the ledger, the events.

:func:`record` runs in one transaction with the order's write lock, so two events for the
same dispute (or a dispute and a refund on the same order) are serialised. It is
idempotent: it compares the PSP's word with the row and writes (and emits) only what
changed, so a retried activity or a duplicate webhook adds nothing.

- new dispute: the row; the order (if we know the payment) becomes ``disputed`` and its
  status before is kept; ``dispute.opened`` and ``order.disputed``. A dispute for a
  payment we do not know is recorded with ``needs_review`` (the saga raises
  ``NeedsAttention``): it is never dropped.
- status change: ``dispute.updated``; final ``won`` gives the order back the status it had
  (``dispute.won``); an order given back ``paid`` whose fulfilment hand-off was
  acknowledged while it was disputed (that acknowledgement could not move a ``disputed``
  order) is fulfilled now (``order.fulfilled``), else it would wait for ever; ``lost``
  makes it ``charged_back`` (``dispute.lost``, ``order.charged_back``).
- money: the first withdrawal and the first reinstatement the PSP reports each write one
  ledger entry (``dispute_debit`` negative, ``dispute_credit`` positive), unique on the dispute id.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.models.disputes import Dispute
from sagas.db.models.orders import Order, Payment
from sagas.disputes.follow import _follow
from sagas.disputes.ledger import _ledger
from sagas.disputes.locks import lock_order
from sagas.disputes.merchant_events import _emit
from sagas.disputes.new_row import _new_row
from sagas.disputes.order_status import _move_order
from sagas.disputes.recorded import Recorded
from sagas.domain.disputes import (
    PspDispute,
)
from sagas.events.fulfilment import release_if_acknowledged


async def record(
    session: AsyncSession, psp: PspDispute, *, workflow_id: str, accepted: bool = False
) -> Recorded:
    payment = None
    if psp.gateway_payment_id:
        payment = await session.scalar(
            select(Payment).where(
                Payment.gateway == psp.gateway, Payment.gateway_payment_id == psp.gateway_payment_id
            )
        )
    order = None
    if payment is not None:
        await lock_order(session, payment.order_id)
        order = await session.get(Order, payment.order_id, populate_existing=True)
    row = await session.scalar(
        select(Dispute)
        .where(Dispute.gateway == psp.gateway, Dispute.gateway_dispute_id == psp.gateway_dispute_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    changes: list[str] = []
    now = utcnow()
    if row is None:
        row = _new_row(psp, payment, order, workflow_id, now)
        session.add(row)
        changes.append("opened")
    _follow(row, psp, now, changes)
    if accepted and row.accepted_at is None:
        row.accepted_at = now
        changes.append("accepted")
    if order is not None:
        _move_order(row, order, changes)
        _ledger(session, row, order, psp, changes)
    else:
        row.withdrawn_minor = max(row.withdrawn_minor, psp.withdrawn_minor)
        row.reinstated_minor = max(row.reinstated_minor, psp.reinstated_minor)
    await session.flush()
    await _emit(session, row, order, changes)
    if order is not None and "order_restored" in changes and order.status == "paid":
        await release_if_acknowledged(session, order.id)
    return Recorded(
        dispute_id=row.id,
        order_id=row.order_id,
        customer_id=order.customer_id if order is not None else None,
        gateway=row.gateway,
        gateway_dispute_id=row.gateway_dispute_id,
        gateway_payment_id=row.gateway_payment_id,
        amount_minor=row.amount_minor,
        currency=row.currency,
        status=row.status,
        psp_status=row.psp_status,
        evidence_due_by=row.evidence_due_by,
        evidence_submitted=row.evidence_submitted_at is not None,
        accepted=row.accepted_at is not None,
        needs_review=row.needs_review,
        fulfilment_revoked=row.fulfilment_revoked_at is not None,
        changes=changes,
    )
