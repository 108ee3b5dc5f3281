"""Refund saga activities: the PSP calls and our own records, each idempotent.

- ``refund.load`` reads the refund row (written before the saga started).
- ``refund.create_at_psp`` asks the PSP with the refund id as the idempotency key, so a
  retried activity (a lost answer, a PSP 5xx) answers the same refund instead of a
  second one, and keeps the PSP's refund id on our row for webhook routing.
- ``refund.read_at_psp`` is the PSP's own word, the only thing the saga decides on.
- ``refund.mark_succeeded`` / ``refund.mark_failed`` settle our records once; a repeat
  reports what was written. Success moves the order's refunded amount and status and
  appends the ledger's refund entry (unique on the refund id).
- ``refund.revoke_fulfilment`` reverses what the order granted, as its own step.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.adapters import WithAdapters
from sagas.activities.refund_models import (
    FailInput,
    PspRead,
    RefundPlan,
    RefundRef,
    Revoked,
    Settled,
)
from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.ids import new_id
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.domain.disputes import DISPUTE_ORDER_STATUSES
from sagas.domain.refunds import PspRefund, RefundRequest
from sagas.events import emitters
from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import psp_call
from sagas.settings import Settings

# An order that was never paid (a late payment on an expired / cancelled checkout) ends
# `refunded`; a paid one moves through `partially_refunded`.
PAID_STATUSES = {"paid", "fulfilled", "partially_refunded", "refunded"}


def _not_found(what: str) -> ApplicationError:
    return ApplicationError(what, type="NotFound", non_retryable=True)


async def _lock_order(session: AsyncSession, order_id: str) -> None:
    """The order's write lock before reading (SQLite ignores FOR UPDATE), as in
    :mod:`sagas.services.refunds`, so a concurrent refund's settlement is serialised."""
    await session.execute(
        update(Order)
        .where(Order.id == order_id)
        .values(refunded_minor=Order.refunded_minor)
        .execution_options(synchronize_session=False)
    )


class RefundActivities(WithAdapters):
    @activity.defn(name="refund.load")
    async def load(self, ref: RefundRef) -> RefundPlan:
        async with self._sessions() as session:
            refund = await session.get(Refund, ref.refund_id)
            if refund is None:
                raise _not_found(f"refund {ref.refund_id} does not exist")
            order = await session.get(Order, refund.order_id)
            payment = await session.get(Payment, refund.payment_id)
            if order is None or payment is None:
                raise _not_found(f"refund {refund.id} names no order or payment")
            return RefundPlan(
                refund_id=refund.id,
                order_id=order.id,
                customer_id=order.customer_id,
                origin=refund.origin,
                gateway=refund.gateway,
                gateway_payment_id=payment.gateway_payment_id,
                amount_minor=refund.amount_minor,
                currency=refund.currency,
                status=refund.status,
                gateway_refund_id=refund.gateway_refund_id,
                fulfilment_revoked=refund.fulfilment_revoked_at is not None,
                poll_interval_s=self._settings.psp_poll_interval_s,
                deadline_s=self._settings.refund_deadline_s,
            )

    @activity.defn(name="refund.create_at_psp")
    async def create_at_psp(self, plan: RefundPlan) -> PspRefund:
        """Create (or, with the same key, re-answer) the PSP refund; its status is only
        information: the saga waits for a read or webhook before believing it.

        PSPs prune idempotency keys (Stripe after 24 h), and an operator's retry may come
        later than that: a refund whose PSP id we hold is read, and one whose create answer
        was lost is first looked for among the payment's refunds (by our id in its
        metadata / notes), so neither is made twice."""
        async with self._sessions() as session:
            known = await session.scalar(
                select(Refund.gateway_refund_id).where(Refund.id == plan.refund_id)
            )
        if known is not None:
            return await self.read_at_psp(
                PspRead(refund_id=plan.refund_id, gateway=plan.gateway, gateway_refund_id=known)
            )
        refunds = self._gw.get(plan.gateway).refunds
        found = await psp_call(lambda: refunds.find_refund(plan.gateway_payment_id, plan.refund_id))
        request = RefundRequest(
            payment_id=plan.gateway_payment_id,
            amount_minor=plan.amount_minor,
            refund_id=plan.refund_id,
            order_id=plan.order_id,
            currency=plan.currency,
        )
        made = (
            found if found is not None else await psp_call(lambda: refunds.create_refund(request))
        )
        async with unit_of_work(self._sessions) as session:
            row = await session.get(Refund, plan.refund_id, with_for_update=True)
            if row is None:
                raise _not_found(f"refund {plan.refund_id} does not exist")
            if row.gateway_refund_id is None:
                row.gateway_refund_id = made.gateway_refund_id
        return made

    @activity.defn(name="refund.read_at_psp")
    async def read_at_psp(self, req: PspRead) -> PspRefund:
        return await psp_call(
            lambda: self._gw.get(req.gateway).refunds.read_refund(req.gateway_refund_id)
        )

    @activity.defn(name="refund.mark_succeeded")
    async def mark_succeeded(self, ref: RefundRef) -> Settled:
        async with unit_of_work(self._sessions) as session:
            refund, order = await self._locked(session, ref.refund_id)
            if refund.status == "pending":
                payment = await session.get(Payment, refund.payment_id, populate_existing=True)
                if payment is None:
                    raise _not_found(f"refund {refund.id} names no payment")
                now = utcnow()
                refund.status, refund.settled_at, refund.updated_at = "succeeded", now, now
                payment.refunded_minor += refund.amount_minor
                order.refunded_minor += refund.amount_minor
                status_before, order.status = order.status, _order_status_after(order, refund)
                session.add(
                    LedgerEntry(
                        id=new_id("led"),
                        order_id=order.id,
                        kind="refund",
                        reference=refund.id,
                        amount_minor=-refund.amount_minor,
                        currency=refund.currency,
                        gateway=refund.gateway,
                    )
                )
                await emitters.refund_settled(
                    session, refund, order, order_status_before=status_before
                )
            elif refund.status == "failed":
                raise ApplicationError(
                    f"refund {refund.id} is already failed", type="Conflict", non_retryable=True
                )
            return Settled(
                refund_id=refund.id,
                status=refund.status,
                order_status=order.status,
                order_refunded_minor=order.refunded_minor,
            )

    @activity.defn(name="refund.mark_failed")
    async def mark_failed(self, req: FailInput) -> Settled:
        """The refund failed: its money is refundable again. The order was not touched
        while the refund was pending, so it stays as it was before."""
        async with unit_of_work(self._sessions) as session:
            refund, order = await self._locked(session, req.refund_id)
            if refund.status == "pending":
                refund.status, refund.failure_reason = "failed", req.reason[:500]
                refund.settled_at = refund.updated_at = utcnow()
                await emitters.refund_settled(
                    session, refund, order, order_status_before=order.status
                )
            elif refund.status == "succeeded":
                raise ApplicationError(
                    f"refund {refund.id} already succeeded", type="Conflict", non_retryable=True
                )
            return Settled(
                refund_id=refund.id,
                status=refund.status,
                order_status=order.status,
                order_refunded_minor=order.refunded_minor,
            )

    @activity.defn(name="refund.revoke_fulfilment")
    async def revoke_fulfilment(self, ref: RefundRef) -> Revoked:
        """Reverse what the order granted for this refund (idempotent: the first run
        stamps the refund; a repeat changes nothing)."""
        async with unit_of_work(self._sessions) as session:
            refund, _order = await self._locked(session, ref.refund_id)
            if refund.status != "succeeded":
                return Revoked(refund_id=refund.id, revoked=False)
            if refund.fulfilment_revoked_at is None:
                refund.fulfilment_revoked_at = utcnow()
            return Revoked(refund_id=refund.id, revoked=True)

    async def _locked(self, session: AsyncSession, refund_id: str) -> tuple[Refund, Order]:
        order_id = await session.scalar(select(Refund.order_id).where(Refund.id == refund_id))
        if order_id is None:
            raise _not_found(f"refund {refund_id} does not exist")
        await _lock_order(session, order_id)
        refund = await session.get(Refund, refund_id, populate_existing=True)
        order = await session.get(Order, order_id, populate_existing=True, with_for_update=True)
        if refund is None or order is None:
            raise _not_found(f"refund {refund_id} names no order")
        return refund, order


def _order_status_after(order: Order, refund: Refund) -> str:
    if order.status in DISPUTE_ORDER_STATUSES:
        return order.status  # the dispute's outcome moves it (status_after_win counts this)
    if refund.origin == "late_payment" and order.status not in PAID_STATUSES:
        # Never paid: the late money went back, nothing else is left.
        return "refunded"
    if order.refunded_minor >= order.captured_minor:
        return "refunded"  # everything captured (a stray late payment too) went back
    if refund.origin == "late_payment":
        # A paid order that also got a stray payment keeps its status: what it was paid
        # for stands.
        return order.status
    return "partially_refunded"


def refund_activities(
    sessions: async_sessionmaker[AsyncSession], gateways: GatewayClients, settings: Settings
) -> list[Callable[..., object]]:
    acts = RefundActivities(sessions, gateways, settings)
    return [
        acts.load,
        acts.create_at_psp,
        acts.read_at_psp,
        acts.mark_succeeded,
        acts.mark_failed,
        acts.revoke_fulfilment,
    ]
