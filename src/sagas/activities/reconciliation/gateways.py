"""Gateway objects without a checkout, and captured payments no paid order holds.

Each gateway's :class:`~sagas.gateways.protocols.sweeps.SweepGateway` reads every object of
ours created in the window (paged by creation time: the cost is linear in the window,
and nothing is left out because it is not among the newest), up to ``older_than_s``
ago — a younger object may still be on its way to being bound by its saga. An object
is an *orphan* when no checkout row has that id, when the row is bound to another object
of the same kind, or when the row is closed unpaid and its workflow is gone while the
object is still payable. A checkout row without a gateway object yet is never judged
here: its saga's retried create finds the same object through its idempotency key.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from sagas.activities.reconciliation.flows import FlowStatus, flow_status
from sagas.activities.reconciliation.models import Finding, FindingKind, FindInput
from sagas.activities.reconciliation.payments import captured_probe, route_captured
from sagas.db.models.checkouts import Checkout
from sagas.db.models.subscriptions import Subscription
from sagas.db.models.webhooks import WebhookEvent
from sagas.domain.gateway_objects import SweptObject, SweptSubscription
from sagas.gateways.protocols.gateway import PaymentGateway
from sagas.gateways.registry import GatewayRegistry

CLOSED_UNPAID = {"expired", "cancelled", "failed"}
SUB_WAITING = ("pending_payment",)
CHUNK = 500


async def orphan_reason(session: AsyncSession, client: Client, obj: SweptObject) -> str | None:
    """Why the payable object ``obj`` has no live owner."""
    checkout_id, object_id = obj.checkout_id, obj.object_id
    co = await session.get(Checkout, checkout_id)
    if co is None:
        return f"names checkout {checkout_id}, which does not exist"
    if co.gateway_object_id is None:
        return None  # the saga is still creating it (or will, with the same key)
    if co.gateway_object_id != object_id:
        if obj.opened_by_other_flows and co.flow != obj.object_type:
            return None  # the object another flow's object opened: that one governs it
        return f"checkout {checkout_id} is bound to {co.gateway_object_id}"
    if co.status in CLOSED_UNPAID:
        if await flow_status(client, co.workflow_id) is FlowStatus.RUNNING:
            return None  # its saga is still compensating
        return f"checkout {checkout_id} is {co.status}, its object still payable"
    return None


def _orphan(req: FindInput, gateway: str, obj: SweptObject, why: str) -> Finding:
    return Finding(
        kind=FindingKind.OPEN_ORPHAN,
        sweep_id=req.sweep_id,
        gateway=gateway,
        object_type=obj.object_type,
        object_id=obj.object_id,
        checkout_id=obj.checkout_id,
        amount_minor=obj.amount_minor,
        currency=obj.currency,
        detail=f"{obj.object_type} {obj.object_id} ({obj.status}) {why}",
    )


async def scan(
    session: AsyncSession,
    client: Client,
    registry: GatewayRegistry,
    psp: PaymentGateway,
    req: FindInput,
) -> tuple[dict[str, int], list[Finding]]:
    """One gateway's objects in the window: captured money no paid order holds (or that
    a running saga has not seen), payable orphans, subscriptions the PSP charges while
    our row still waits, and the events whose delivery failed."""
    window = await psp.sweeps.objects_in_window(
        created_gte=int(req.as_of.timestamp()) - req.lookback_s,
        created_lte=int(req.as_of.timestamp()) - req.older_than_s,
    )
    findings: list[Finding] = []
    for obj in window.objects:
        for paid in obj.captured:
            probe = captured_probe(req.sweep_id, psp.name, paid)
            found = await route_captured(session, client, registry, probe)
            if found is not None:
                findings.append(found)
        if obj.payable:
            why = await orphan_reason(session, client, obj)
            if why:
                findings.append(_orphan(req, psp.name, obj, why))
    findings += await waiting_subscriptions(session, req, psp.name, window.subscriptions)
    # An event about an object this sweep already hands over would hand the same fact
    # over twice: the finding covers it. Every other failed delivery is applied.
    covered = {f.payment_id for f in findings if f.payment_id} | {f.object_id for f in findings}
    failed = [(e, o) for e, o in window.failed_events if o not in covered]
    findings += [
        Finding(
            kind=FindingKind.FAILED_DELIVERY,
            sweep_id=req.sweep_id,
            gateway=psp.name,
            object_type="event",
            object_id=event_id,
            detail=f"{psp.name} event {event_id} about {dict(failed)[event_id]}: "
            "its delivery failed",
        )
        for event_id in await unrecorded(session, psp.name, [e for e, _ in failed])
    ]
    return {f"{psp.name}.{k}": n for k, n in window.examined.items()}, findings


async def unrecorded(session: AsyncSession, gateway: str, event_ids: list[str]) -> list[str]:
    """The events we hold no record of. One we recorded was received: if its hand-off
    failed, the failed-webhook finder replays that delivery (audited as its replay)."""
    known: set[str] = set()
    for start in range(0, len(event_ids), CHUNK):
        chunk = event_ids[start : start + CHUNK]
        known.update(
            await session.scalars(
                select(WebhookEvent.event_id).where(
                    WebhookEvent.gateway == gateway, WebhookEvent.event_id.in_(chunk)
                )
            )
        )
    return [e for e in event_ids if e not in known]


async def waiting_subscriptions(
    session: AsyncSession, req: FindInput, gateway: str, subs: list[SweptSubscription]
) -> list[Finding]:
    """Subscriptions the PSP charges while our row still waits for the first payment."""
    live = {s.subscription_id: s for s in subs if s.live}
    if not live:
        return []
    rows = await session.execute(
        select(Subscription.id, Subscription.status).where(
            Subscription.id.in_(list(live)), Subscription.status.in_(SUB_WAITING)
        )
    )
    return [
        Finding(
            kind=FindingKind.SUBSCRIPTION_LIVE,
            sweep_id=req.sweep_id,
            gateway=gateway,
            object_type="subscription",
            object_id=sid,
            gateway_object_id=live[sid].object_id,
            detail=f"{gateway} subscription {live[sid].object_id} is {live[sid].status}; "
            f"ours is {status}",
        )
        for sid, status in rows.all()
    ]
