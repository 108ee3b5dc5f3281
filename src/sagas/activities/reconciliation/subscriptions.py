"""Live subscriptions no workflow looks after: nothing stays entitled by accident.

A row in a live status (``pending_payment``, ``trialing``, ``active``, ``past_due``) keeps
its customer entitled only while ``subscription-<id>`` runs: that run ends the period when
no renewal is confirmed (invariant 8). If it is gone (terminated, failed, completed while
the row says live, or never started), the saga is restarted from its row: the period
index and the last confirmed payment's mark (``paid_marker``) come from our own records,
so a renewal the PSP made meanwhile is a new mark, and the run is started with a
``psp_event`` so it re-reads the PSP at its first wait. A PSP subscription that ended
meanwhile ends the row there (and the entitlements with it); one that renewed starts the
next period. The repair re-reads the row and the workflow first, so a second sweep finds
the restarted run and repairs nothing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.flows import FlowStatus, flow_status
from sagas.activities.reconciliation.models import (
    Finding,
    FindingKind,
    FindInput,
    FindResult,
    RepairOutcome,
)
from sagas.db.models.subscriptions import Subscription, SubscriptionPeriod
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.settings import Settings
from sagas.starters.subscription import restart_subscription
from sagas.workflows.subscription.messages.inputs import SubscriptionInput

LIVE = ("pending_payment", "trialing", "active", "past_due")


async def find_stuck_subscriptions(
    sessions: async_sessionmaker[AsyncSession], client: Client, req: FindInput
) -> FindResult:
    # Untouched for a while: one the API opened a moment ago may be starting right now.
    idle_before = req.as_of - timedelta(seconds=req.subscription_idle_s)
    async with sessions() as session:
        rows = list(
            await session.scalars(
                select(Subscription)
                .where(Subscription.status.in_(LIVE), Subscription.updated_at < idle_before)
                .order_by(Subscription.updated_at)
                .limit(req.limit)
            )
        )
    findings: list[Finding] = []
    for sub in rows:
        status = await flow_status(client, sub.workflow_id)
        if status is FlowStatus.RUNNING:
            continue
        findings.append(
            Finding(
                kind=FindingKind.STUCK_SUBSCRIPTION,
                sweep_id=req.sweep_id,
                gateway=sub.gateway,
                object_type="subscription",
                object_id=sub.id,
                gateway_object_id=sub.gateway_subscription_id,
                detail=f"{sub.status}; workflow {status.value}",
            )
        )
    return FindResult(examined=len(rows), findings=findings)


async def resume_input(
    session: AsyncSession, sub: Subscription, settings: Settings
) -> SubscriptionInput:
    """Where the saga stands by our records: its period and the last payment we confirmed."""
    last = await session.scalar(
        select(SubscriptionPeriod.payment_ref)
        .where(SubscriptionPeriod.subscription_id == sub.id)
        .order_by(SubscriptionPeriod.period_index.desc(), SubscriptionPeriod.id.desc())
        .limit(1)
    )
    return SubscriptionInput(
        subscription_id=sub.id,
        period_index=sub.period_index,
        paid_marker=last,
        seconds_per_day=settings.sagas_dev_seconds_per_day,
    )


async def repair_stuck_subscription(ctx: RepairContext, f: Finding) -> RepairOutcome:
    client, settings = ctx.client, ctx.settings
    done = f.outcome()
    async with ctx.sessions() as session:
        sub = await session.get(Subscription, f.object_id)
        if sub is None or sub.status not in LIVE:
            done.detail = f"subscription is {sub.status if sub else 'gone'}"
            return done
        if await flow_status(client, sub.workflow_id) is FlowStatus.RUNNING:
            done.detail = "its workflow runs again"
            return done
        inp = await resume_input(session, sub, settings)
    event = None  # a free plan has no PSP to re-read
    if sub.gateway:
        event = PspEvent(
            gateway=Gateway(sub.gateway),
            event_id=f"reconcile-{f.sweep_id}-{sub.id}",
            event_type="reconciliation.restart",
            kind=PspEventKind.OTHER,
            object_id=sub.gateway_subscription_id or sub.id,
            subscription_id=sub.id,
        )
    await restart_subscription(client, sub, settings, inp, event, ctx.hosted)
    done.action = "restarted"
    done.detail = f"{f.detail}; restarted from its row to re-read the PSP"
    return done
