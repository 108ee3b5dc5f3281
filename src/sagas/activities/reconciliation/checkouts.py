"""Stuck checkouts: a row still waiting for payment that no live workflow will ever close.

Two cases. The workflow is gone (terminated, failed, never started because the API died
between its commit and the start): the checkout is restarted under its own id, and the
checkout saga does what it does at every deadline — read the PSP once more, settle a
payment bound to it through the settlement gate, else compensate the gateway object, give
the discount back and close the row. The workflow is running but past ``expires_at`` plus
a grace: it is sent a ``psp_event`` so it re-reads the PSP now (it may be waiting on an
operator, which the nudge does not bypass).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.flows import (
    FlowStatus,
    describe_flow,
    flow_status,
    nudge,
)
from sagas.activities.reconciliation.models import (
    Finding,
    FindingKind,
    FindInput,
    FindResult,
    RepairOutcome,
)
from sagas.db.models.checkouts import Checkout
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.starters.checkout import restart_checkout

WAITING = ("created", "awaiting_payment", "processing")


async def find_stuck_checkouts(
    sessions: async_sessionmaker[AsyncSession], client: Client, req: FindInput
) -> FindResult:
    overdue_before = req.as_of - timedelta(seconds=req.checkout_grace_s)
    old_before = req.as_of - timedelta(seconds=req.older_than_s)
    async with sessions() as session:
        rows = list(
            await session.scalars(
                select(Checkout)
                .where(
                    Checkout.status.in_(WAITING),
                    or_(Checkout.expires_at < overdue_before, Checkout.created_at < old_before),
                )
                .order_by(Checkout.expires_at)
                .limit(req.limit)
            )
        )
    findings: list[Finding] = []
    for co in rows:
        status, run_started = await describe_flow(client, co.workflow_id)
        overdue = co.expires_at < overdue_before
        if status is FlowStatus.RUNNING and not overdue:
            continue  # a live saga inside its deadline: its own poll covers it
        if status is FlowStatus.RUNNING and run_started and run_started > overdue_before:
            continue  # (re)started within the grace: it is closing the case right now
        findings.append(stuck_finding(co, req.sweep_id, status, overdue=overdue))
    return FindResult(examined=len(rows), findings=findings)


def stuck_finding(
    co: Checkout, sweep_id: str, status: FlowStatus, *, overdue: bool, payment_id: str | None = None
) -> Finding:
    why = f"{co.status}; workflow {status.value}" + ("; past its deadline" if overdue else "")
    if payment_id:
        why += f"; PSP payment {payment_id} captured"
    return Finding(
        kind=FindingKind.STUCK_CHECKOUT,
        sweep_id=sweep_id,
        gateway=co.gateway,
        object_type="checkout",
        object_id=co.id,
        checkout_id=co.id,
        gateway_object_id=co.gateway_object_id,
        payment_id=payment_id,
        detail=why,
    )


async def repair_stuck_checkout(ctx: RepairContext, f: Finding) -> RepairOutcome:
    client = ctx.client
    async with ctx.sessions() as session:
        co = await session.get(Checkout, f.object_id)
    done = f.outcome()
    if co is None or co.status not in WAITING:
        done.detail = f"checkout is {co.status if co else 'gone'}"
        return done
    if await flow_status(client, co.workflow_id) is FlowStatus.RUNNING:
        event = PspEvent(
            gateway=Gateway(co.gateway),
            event_id=f"reconcile-{f.sweep_id}-{co.id}",
            event_type="reconciliation.recheck",
            kind=PspEventKind.OTHER,
            object_id=co.gateway_object_id or co.id,
            checkout_id=co.id,
            gateway_object_id=co.gateway_object_id,
            payment_id=f.payment_id,
        )
        if await nudge(client, co.workflow_id, event):
            done.action, done.detail = "signalled", f"{f.detail}; asked to re-read the PSP"
            return done
    await restart_checkout(client, ctx.settings, co, ctx.hosted)
    done.action, done.detail = "restarted", f"{f.detail}; restarted to settle or compensate"
    return done
