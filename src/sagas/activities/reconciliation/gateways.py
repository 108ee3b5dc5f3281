"""Gateway objects without a checkout, and captured payments no paid order holds.

Lists the PSPs' recent objects (Stripe PaymentIntents and Checkout Sessions, Razorpay
Orders), newest first and bounded by the sweep's ``limit``, and keeps only ours (metadata /
notes carry ``checkout_id``) that are older than ``older_than_s`` — a younger object may
still be on its way to being bound by its saga. An object is an *orphan* when no checkout
row has that id, when the row is bound to another object of the same kind, or when the row
is closed unpaid and its workflow is gone while the object is still payable. A checkout
row without a gateway object yet is never judged here: its saga's retried create finds
the same object through its idempotency key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from sagas.activities.reconciliation.flows import FlowStatus, flow_status
from sagas.activities.reconciliation.models import Finding, FindingKind, FindInput
from sagas.activities.reconciliation.payments import captured_probe, route_captured
from sagas.db.models.checkouts import Checkout
from sagas.domain.settlement import PaymentStatus
from sagas.gateways.clients import GatewayClients, razorpay_call, stripe_call
from sagas.gateways.razorpay import orders as rzp
from sagas.gateways.stripe.payments import PI_CANCELABLE

CLOSED_UNPAID = {"expired", "cancelled", "failed"}
PAGE = 100
MAX_PAGES = 20


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


async def stripe_recent(
    list_fn: Callable[..., Awaitable[Any]], *, limit: int, created_gte: int
) -> list[dict[str, Any]]:
    """Newest first, at most ``limit`` objects, following ``starting_after`` cursors."""
    found: list[dict[str, Any]] = []
    after: str | None = None
    for _ in range(MAX_PAGES):
        params: dict[str, Any] = {
            "limit": min(PAGE, limit - len(found)),
            "created": {"gte": created_gte},
        }
        if after:
            params["starting_after"] = after
        page = _as_dict(await stripe_call(list_fn, params=params))
        data = list(page.get("data") or [])
        found += data
        if not page.get("has_more") or not data or len(found) >= limit:
            break
        after = data[-1]["id"]
    return found[:limit]


async def razorpay_recent(
    gw: GatewayClients, *, limit: int, created_gte: int
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    client = gw.require_razorpay()
    for page_no in range(MAX_PAGES):
        count = min(PAGE, limit - len(found))
        page = await razorpay_call(
            client.order.all, {"count": count, "skip": page_no * PAGE, "from": created_gte}
        )
        items = list(page.get("items") or [])
        found += items
        if len(items) < count or len(found) >= limit:
            break
    return found[:limit]


async def orphan_reason(
    session: AsyncSession, client: Client, checkout_id: str, object_id: str, object_flow: str
) -> str | None:
    """Why the payable object ``object_id`` naming ``checkout_id`` has no live owner."""
    co = await session.get(Checkout, checkout_id)
    if co is None:
        return f"names checkout {checkout_id}, which does not exist"
    if co.gateway_object_id is None:
        return None  # the saga is still creating it (or will, with the same key)
    if co.gateway_object_id != object_id:
        if object_flow == "payment_intent" and co.flow != "payment_intent":
            return None  # the PaymentIntent a Session or Link opened: the Session governs it
        return f"checkout {checkout_id} is bound to {co.gateway_object_id}"
    if co.status in CLOSED_UNPAID:
        if await flow_status(client, co.workflow_id) is FlowStatus.RUNNING:
            return None  # its saga is still compensating
        return f"checkout {checkout_id} is {co.status}, its object still payable"
    return None


def _orphan(
    req: FindInput, *, object_type: str, obj: dict[str, Any], cid: str, why: str
) -> Finding:
    return Finding(
        kind=FindingKind.OPEN_ORPHAN,
        sweep_id=req.sweep_id,
        gateway="stripe",
        object_type=object_type,
        object_id=obj["id"],
        checkout_id=cid,
        amount_minor=obj.get("amount") or obj.get("amount_total"),
        currency=str(obj.get("currency") or "").upper() or None,
        detail=f"{object_type} {obj['id']} ({obj.get('status')}) {why}",
    )


async def scan_stripe(
    session: AsyncSession, client: Client, gw: GatewayClients, req: FindInput
) -> tuple[int, list[Finding]]:
    stripe = gw.require_stripe()
    cutoff = int(req.as_of.timestamp()) - req.older_than_s
    gte = int(req.as_of.timestamp()) - req.lookback_s
    examined, findings = 0, []
    for pi in await stripe_recent(
        stripe.v1.payment_intents.list_async, limit=req.limit, created_gte=gte
    ):
        cid = (pi.get("metadata") or {}).get("checkout_id")
        if not cid or int(pi.get("created") or 0) > cutoff:
            continue
        examined += 1
        found: Finding | None = None
        if pi.get("status") == "succeeded":
            probe = captured_probe(
                sweep_id=req.sweep_id,
                gateway="stripe",
                object_type="payment_intent",
                payment_id=pi["id"],
                gateway_object_id=pi["id"],
                checkout_id=cid,
                amount_minor=int(pi.get("amount_received") or 0),
                currency=str(pi.get("currency")),
            )
            found = await route_captured(session, client, gw, probe)
        elif pi.get("status") in PI_CANCELABLE - {"processing"}:
            why = await orphan_reason(session, client, cid, pi["id"], "payment_intent")
            if why:
                found = _orphan(req, object_type="payment_intent", obj=pi, cid=cid, why=why)
        if found is not None:
            findings.append(found)
    sessions = await stripe_recent(
        stripe.v1.checkout.sessions.list_async, limit=req.limit, created_gte=gte
    )
    for cs in sessions:
        cid = (cs.get("metadata") or {}).get("checkout_id")
        if not cid or cs.get("status") != "open" or int(cs.get("created") or 0) > cutoff:
            continue
        examined += 1
        why = await orphan_reason(session, client, cid, cs["id"], "checkout_session")
        if why:
            findings.append(_orphan(req, object_type="checkout_session", obj=cs, cid=cid, why=why))
    return examined, findings


async def scan_razorpay(
    session: AsyncSession, client: Client, gw: GatewayClients, req: FindInput
) -> tuple[int, list[Finding]]:
    """Razorpay orders cannot be cancelled: only their captured payments matter."""
    cutoff = int(req.as_of.timestamp()) - req.older_than_s
    gte = int(req.as_of.timestamp()) - req.lookback_s
    examined, findings = 0, []
    for order in await razorpay_recent(gw, limit=req.limit, created_gte=gte):
        notes = order.get("notes")
        cid = notes.get("checkout_id") if isinstance(notes, dict) else None
        if not cid or int(order.get("created_at") or 0) > cutoff:
            continue
        examined += 1
        if order.get("status") not in ("attempted", "paid"):
            continue
        for snap in await rzp.order_payments(gw.require_razorpay(), order["id"]):
            if snap.status is not PaymentStatus.SETTLED:
                continue
            probe = captured_probe(
                sweep_id=req.sweep_id,
                gateway="razorpay",
                object_type="razorpay_payment",
                payment_id=snap.payment_id,
                gateway_object_id=order["id"],
                checkout_id=snap.checkout_id or cid,
                amount_minor=snap.amount_minor,
                currency=snap.currency,
            )
            found = await route_captured(session, client, gw, probe)
            if found is not None:
                findings.append(found)
    return examined, findings
