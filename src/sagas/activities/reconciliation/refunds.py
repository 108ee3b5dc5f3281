"""Refunds pending too long: make sure ``refund-<id>`` runs and re-reads the PSP.

A refund row is written before its workflow starts (the refund saga's contract), so a
crash between the two, a terminated workflow or one that ended without settling the row
leaves money state nobody moves. Closed or missing: the refund saga is started again under
its own id with ``RefundInput(refund_id)`` — its PSP call carries the refund id as the
idempotency key, so a second run never makes a second refund. Running: it gets a
``psp_event`` so it asks the PSP now instead of at its next deadline.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.common import TypedSearchAttributes, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError

from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.flows import FlowStatus, flow_status, nudge
from sagas.activities.reconciliation.models import (
    Finding,
    FindingKind,
    FindInput,
    FindResult,
    RepairOutcome,
)
from sagas.db.models.orders import Payment
from sagas.db.models.refunds import Refund
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.starters.refund import restart_refund
from sagas.starters.review import start_review
from sagas.temporal.search_attributes import initial_pairs


async def find_pending_refunds(
    sessions: async_sessionmaker[AsyncSession], client: Client, req: FindInput
) -> FindResult:
    before = req.as_of - timedelta(seconds=req.refund_pending_s)
    async with sessions() as session:
        rows = list(
            await session.scalars(
                select(Refund)
                .where(Refund.status == "pending", Refund.created_at < before)
                .order_by(Refund.created_at)
                .limit(req.limit)
            )
        )
    findings = []
    for r in rows:
        status = await flow_status(client, r.workflow_id)
        findings.append(
            Finding(
                kind=FindingKind.PENDING_REFUND,
                sweep_id=req.sweep_id,
                gateway=r.gateway,
                object_type="refund",
                object_id=r.id,
                amount_minor=r.amount_minor,
                currency=r.currency,
                detail=f"pending since {r.created_at.isoformat()}; workflow {status.value}",
            )
        )
    return FindResult(examined=len(rows), findings=findings)


async def repair_pending_refund(ctx: RepairContext, f: Finding) -> RepairOutcome:
    client = ctx.client
    async with ctx.sessions() as session:
        r = await session.get(Refund, f.object_id)
    out = f.outcome()
    if r is None or r.status != "pending":
        out.detail = f"refund is {r.status if r else 'gone'}"
        return out
    if await flow_status(client, r.workflow_id) is FlowStatus.RUNNING:
        event = PspEvent(
            gateway=Gateway(r.gateway),
            event_id=f"reconcile-{f.sweep_id}-{r.id}",
            event_type="reconciliation.recheck",
            kind=PspEventKind.REFUND_UPDATED,
            object_id=r.gateway_refund_id or r.id,
            refund_id=r.id,
            gateway_refund_id=r.gateway_refund_id,
            amount_minor=r.amount_minor,
            currency=r.currency,
        )
        if await nudge(client, r.workflow_id, event):
            out.action, out.detail = "signalled", f"{f.detail}; asked to re-read the PSP"
            return out
    if r.workflow_id.startswith("payment-review-"):
        await _restart_review(ctx, r)
        out.action, out.detail = "started", f"{f.detail}; late-payment review started again"
        return out
    await restart_refund(client, ctx.settings, r, ctx.hosted)
    out.action, out.detail = "started", f"{f.detail}; refund saga started"
    return out


async def _restart_review(ctx: RepairContext, r: Refund) -> None:
    """A late-payment refund belongs to its payment's review (which refunds with the key
    ``late-<payment id>``); running that review again is the only path that cannot refund
    twice, so it is restarted instead of a refund saga."""
    async with ctx.sessions() as session:
        payment = await session.get(Payment, r.payment_id)
    if payment is None:
        raise ApplicationError(
            f"refund {r.id} names no payment row", type="NotFound", non_retryable=True
        )
    event = PspEvent(
        gateway=Gateway(payment.gateway),
        event_id=f"reconcile-{payment.gateway}-{payment.gateway_payment_id}",
        event_type="reconciliation.late_refund_pending",
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=payment.gateway_payment_id,
        checkout_id=payment.checkout_id,
        gateway_object_id=payment.gateway_object_id,
        payment_id=payment.gateway_payment_id,
        amount_minor=payment.amount_minor,
        currency=payment.currency,
    )
    await start_review(
        ctx.client,
        event,
        workflow_id=r.workflow_id,
        task_queue=ctx.settings.temporal_task_queue,
        reuse=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
        search_attributes=TypedSearchAttributes(
            initial_pairs(
                "payment_review",
                checkout_id=payment.checkout_id,
                order_id=r.order_id,
                gateway=payment.gateway,
                amount_minor=payment.amount_minor,
                currency=payment.currency,
            )
        ),
        summary=f"Review {payment.gateway} payment {payment.gateway_payment_id} "
        f"(restarted by reconciliation: refund {r.id} pending)",
        hosted=ctx.hosted,
    )
