"""From a normalized event to the workflow it belongs to.

First the ids we put in the PSP object's metadata/notes (``checkout_id``, ``refund_id``,
``subscription_id``), then the gateway ids stored on our rows (checkouts'
``gateway_object_id``, refunds' ``gateway_refund_id``, subscriptions'
``gateway_subscription_id``, payments' ``gateway_payment_id``). The order of lookups
depends on the event's kind, so a refund event reaches the refund's flow (which may be a
``payment-review-…`` workflow for a late payment) before the checkout it came from. The
workflow id comes from the row itself, and a metadata id that names no row of this
gateway falls through to the next lookup: metadata is a hint, never trusted alone.

Two kinds of event go to a flow that may not exist yet, so their :class:`Route` carries a
:class:`StartSpec` and is delivered by signal-with-start: a dispute event always goes to
``dispute-<gateway>-<dispute id>`` (known payment or not: that saga records and reviews
it), and a refund event saying ``failed`` for a refund we hold as ``succeeded`` goes to
``refund-reopened-<refund id>``, whether or not the refund's own saga is still open.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Payment
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription
from sagas.domain.psp_events import PspEvent, PspEventKind
from sagas.workflows.dispute.messages.ids import WORKFLOW_NAME as DISPUTE_WORKFLOW
from sagas.workflows.dispute.messages.ids import dispute_workflow_id
from sagas.workflows.dispute.messages.inputs import DisputeInput
from sagas.workflows.refund_reopened.messages import WORKFLOW_NAME as REOPEN_WORKFLOW_NAME
from sagas.workflows.refund_reopened.messages import RefundReopenInput, reopen_workflow_id

K = PspEventKind


@dataclass(frozen=True)
class StartSpec:
    """Start this workflow if it is not running (signal-with-start of ``psp_event``)."""

    workflow: str
    arg: BaseModel
    summary: str
    saga_kind: str


@dataclass(frozen=True)
class Route:
    workflow_id: str | None
    via: str  # which lookup matched, or why none did
    start: StartSpec | None = None


Lookup = Callable[[AsyncConnection, PspEvent], Awaitable[Route | None]]


async def _first(conn: AsyncConnection, stmt: Select[Any], via: str) -> Route | None:
    found = (await conn.execute(stmt.limit(1))).scalar_one_or_none()
    return Route(str(found), via) if found else None


async def _checkout_by_id(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if not e.checkout_id:
        return None
    stmt = select(Checkout.workflow_id).where(
        Checkout.id == e.checkout_id, Checkout.gateway == e.gateway.value
    )
    return await _first(conn, stmt, f"metadata checkout_id={e.checkout_id}")


async def _checkout_by_object(conn: AsyncConnection, e: PspEvent) -> Route | None:
    candidates = [e.gateway_object_id, e.object_id, e.extra.get("payment_link")]
    for object_id in dict.fromkeys(c for c in candidates if c):
        stmt = select(Checkout.workflow_id).where(
            Checkout.gateway == e.gateway.value, Checkout.gateway_object_id == object_id
        )
        if route := await _first(conn, stmt, f"checkouts.gateway_object_id={object_id}"):
            return route
    return None


async def _checkout_by_payment(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if not e.payment_id:
        return None
    stmt = (
        select(Checkout.workflow_id)
        .join(Payment, Payment.checkout_id == Checkout.id)
        .where(Payment.gateway == e.gateway.value, Payment.gateway_payment_id == e.payment_id)
    )
    return await _first(conn, stmt, f"payments.gateway_payment_id={e.payment_id}")


async def _refund_by_id(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if not e.refund_id:
        return None
    stmt = select(Refund.workflow_id).where(
        Refund.id == e.refund_id, Refund.gateway == e.gateway.value
    )
    return await _first(conn, stmt, f"metadata refund_id={e.refund_id}")


async def _refund_by_gateway_id(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if not e.gateway_refund_id:
        return None
    stmt = select(Refund.workflow_id).where(
        Refund.gateway == e.gateway.value, Refund.gateway_refund_id == e.gateway_refund_id
    )
    return await _first(conn, stmt, f"refunds.gateway_refund_id={e.gateway_refund_id}")


async def _subscription_by_id(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if not e.subscription_id:
        return None
    stmt = select(Subscription.workflow_id).where(Subscription.id == e.subscription_id)
    return await _first(conn, stmt, f"metadata subscription_id={e.subscription_id}")


async def _subscription_by_gateway_id(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if not e.gateway_subscription_id:
        return None
    stmt = select(Subscription.workflow_id).where(
        Subscription.gateway == e.gateway.value,
        Subscription.gateway_subscription_id == e.gateway_subscription_id,
    )
    return await _first(
        conn, stmt, f"subscriptions.gateway_subscription_id={e.gateway_subscription_id}"
    )


async def _dispute(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if not e.gateway_dispute_id:
        return None
    gw, dispute = e.gateway.value, e.gateway_dispute_id
    start = StartSpec(
        DISPUTE_WORKFLOW,
        DisputeInput(gateway=gw, gateway_dispute_id=dispute),
        f"Dispute {gw} {dispute} on payment {e.payment_id or 'unknown'}",
        "dispute",
    )
    return Route(dispute_workflow_id(gw, dispute), f"dispute {dispute}", start)


async def _refund_failed_after_success(conn: AsyncConnection, e: PspEvent) -> Route | None:
    if e.status != "failed" or not (e.refund_id or e.gateway_refund_id):
        return None
    matches = []
    if e.refund_id:
        matches.append(Refund.id == e.refund_id)
    if e.gateway_refund_id:
        matches.append(Refund.gateway_refund_id == e.gateway_refund_id)
    stmt = select(Refund.id).where(
        Refund.gateway == e.gateway.value, Refund.status == "succeeded", or_(*matches)
    )
    refund_id = (await conn.execute(stmt.limit(1))).scalar_one_or_none()
    if refund_id is None:
        return None
    start = StartSpec(
        REOPEN_WORKFLOW_NAME,
        RefundReopenInput(refund_id=refund_id),
        f"Refund {refund_id} failed after success",
        "refund_reopened",
    )
    return Route(reopen_workflow_id(refund_id), f"succeeded refund {refund_id} failed", start)


_CHECKOUT: list[Lookup] = [_checkout_by_id, _checkout_by_object, _checkout_by_payment]
_REFUND: list[Lookup] = [_refund_failed_after_success, _refund_by_id, _refund_by_gateway_id]
_SUBSCRIPTION: list[Lookup] = [_subscription_by_id, _subscription_by_gateway_id]

#: Lookups by event kind, in order; kinds not listed try everything.
ORDER: dict[PspEventKind, list[Lookup]] = {
    K.REFUND_UPDATED: _REFUND,
    K.INVOICE_PAID: _SUBSCRIPTION,
    K.INVOICE_PAYMENT_FAILED: _SUBSCRIPTION,
    K.SUBSCRIPTION_UPDATED: _SUBSCRIPTION,
    K.SUBSCRIPTION_CANCELED: _SUBSCRIPTION,
    K.CHECKOUT_COMPLETED: [*_CHECKOUT, *_SUBSCRIPTION],
    K.CHECKOUT_EXPIRED: _CHECKOUT,
    K.DISPUTE_UPDATED: [_dispute],
}
_DEFAULT: list[Lookup] = [*_CHECKOUT, *_SUBSCRIPTION, *_REFUND]


async def resolve(conn: AsyncConnection, event: PspEvent) -> Route:
    for lookup in ORDER.get(event.kind, _DEFAULT):
        if route := await lookup(conn, event):
            return route
    return Route(None, "no flow matches this event's ids")
