"""From a normalized event to the workflow it belongs to.

First the ids we put in the PSP object's metadata/notes (``checkout_id``, ``refund_id``,
``subscription_id``), then the gateway ids stored on our rows (checkouts'
``gateway_object_id``, refunds' ``gateway_refund_id``, subscriptions'
``gateway_subscription_id``, payments' ``gateway_payment_id``). The order of lookups
depends on the event's kind, so a refund event reaches the refund's flow (which may be a
``payment-review-…`` workflow for a late payment) before the checkout it came from. The
workflow id comes from the row itself, and a metadata id that names no row of this
gateway falls through to the next lookup: metadata is a hint, never trusted alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Payment
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription
from sagas.domain.psp_events import PspEvent, PspEventKind

K = PspEventKind


@dataclass(frozen=True)
class Route:
    workflow_id: str | None
    via: str  # which lookup matched, or why none did


Lookup = Callable[[AsyncSession, PspEvent], Awaitable[Route | None]]


async def _first(session: AsyncSession, stmt: Select[Any], via: str) -> Route | None:
    found = (await session.execute(stmt.limit(1))).scalar_one_or_none()
    return Route(str(found), via) if found else None


async def _checkout_by_id(session: AsyncSession, e: PspEvent) -> Route | None:
    if not e.checkout_id:
        return None
    stmt = select(Checkout.workflow_id).where(
        Checkout.id == e.checkout_id, Checkout.gateway == e.gateway.value
    )
    return await _first(session, stmt, f"metadata checkout_id={e.checkout_id}")


async def _checkout_by_object(session: AsyncSession, e: PspEvent) -> Route | None:
    candidates = [e.gateway_object_id, e.object_id, e.extra.get("payment_link")]
    for object_id in dict.fromkeys(c for c in candidates if c):
        stmt = select(Checkout.workflow_id).where(
            Checkout.gateway == e.gateway.value, Checkout.gateway_object_id == object_id
        )
        if route := await _first(session, stmt, f"checkouts.gateway_object_id={object_id}"):
            return route
    return None


async def _checkout_by_payment(session: AsyncSession, e: PspEvent) -> Route | None:
    if not e.payment_id:
        return None
    stmt = (
        select(Checkout.workflow_id)
        .join(Payment, Payment.checkout_id == Checkout.id)
        .where(Payment.gateway == e.gateway.value, Payment.gateway_payment_id == e.payment_id)
    )
    return await _first(session, stmt, f"payments.gateway_payment_id={e.payment_id}")


async def _refund_by_id(session: AsyncSession, e: PspEvent) -> Route | None:
    if not e.refund_id:
        return None
    stmt = select(Refund.workflow_id).where(
        Refund.id == e.refund_id, Refund.gateway == e.gateway.value
    )
    return await _first(session, stmt, f"metadata refund_id={e.refund_id}")


async def _refund_by_gateway_id(session: AsyncSession, e: PspEvent) -> Route | None:
    if not e.gateway_refund_id:
        return None
    stmt = select(Refund.workflow_id).where(
        Refund.gateway == e.gateway.value, Refund.gateway_refund_id == e.gateway_refund_id
    )
    return await _first(session, stmt, f"refunds.gateway_refund_id={e.gateway_refund_id}")


async def _subscription_by_id(session: AsyncSession, e: PspEvent) -> Route | None:
    if not e.subscription_id:
        return None
    stmt = select(Subscription.workflow_id).where(Subscription.id == e.subscription_id)
    return await _first(session, stmt, f"metadata subscription_id={e.subscription_id}")


async def _subscription_by_gateway_id(session: AsyncSession, e: PspEvent) -> Route | None:
    if not e.gateway_subscription_id:
        return None
    stmt = select(Subscription.workflow_id).where(
        Subscription.gateway == e.gateway.value,
        Subscription.gateway_subscription_id == e.gateway_subscription_id,
    )
    return await _first(
        session, stmt, f"subscriptions.gateway_subscription_id={e.gateway_subscription_id}"
    )


_CHECKOUT: list[Lookup] = [_checkout_by_id, _checkout_by_object, _checkout_by_payment]
_REFUND: list[Lookup] = [_refund_by_id, _refund_by_gateway_id]
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
}
_DEFAULT: list[Lookup] = [*_CHECKOUT, *_SUBSCRIPTION, *_REFUND]


async def resolve(session: AsyncSession, event: PspEvent) -> Route:
    for lookup in ORDER.get(event.kind, _DEFAULT):
        if route := await lookup(session, event):
            return route
    return Route(None, "no flow matches this event's ids")
