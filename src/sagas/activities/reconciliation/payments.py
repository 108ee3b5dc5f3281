"""Captured money that no payment row holds (invariant 2: no money stays captured without a
paid order — it is fulfilled or refunded).

A captured PSP payment is *held* when a ``payments`` row names it (bound to a paid order,
or recorded as late while its refund runs), or when the PSP's own refunds already cover it.
Otherwise it goes where a webhook for it would go: to its checkout's saga while that
checkout still waits (restarted if its workflow is gone), else to ``PaymentReviewWorkflow``
(id ``payment-review-<gateway>-<payment id>``, input the :class:`PspEvent` a webhook would
have carried), which re-reads the PSP and refunds what no paid order holds.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client
from temporalio.common import TypedSearchAttributes, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

from sagas.activities.reconciliation.checkouts import WAITING, stuck_finding
from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.flows import FlowStatus, flow_status
from sagas.activities.reconciliation.models import Finding, FindingKind, RepairOutcome
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Payment
from sagas.domain.gateway_objects import SweptPayment
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.gateways.registry import GatewayRegistry
from sagas.starters.review import start_review
from sagas.temporal.search_attributes import initial_pairs


def review_id(gateway: str, payment_id: str) -> str:
    return f"payment-review-{gateway}-{payment_id}"


async def is_held(session: AsyncSession, gateway: str, payment_id: str) -> bool:
    found = await session.scalar(
        select(Payment.id).where(
            Payment.gateway == gateway, Payment.gateway_payment_id == payment_id
        )
    )
    return found is not None


async def route_captured(
    session: AsyncSession,
    client: Client,
    gateways: GatewayRegistry,
    probe: Finding,
) -> Finding | None:
    """Where a captured payment (``probe``, kind CAPTURED_UNHELD) must go, or None if held."""
    assert probe.gateway is not None and probe.payment_id is not None
    if await is_held(session, probe.gateway, probe.payment_id):
        return None
    co = await session.get(Checkout, probe.checkout_id) if probe.checkout_id else None
    if co is not None and co.status in WAITING:
        status = await flow_status(client, co.workflow_id)
        if status is FlowStatus.RUNNING:
            # A live saga would find it on its next poll; the sweep tells it now, as the
            # webhook that never came would have (CONTRACT 14).
            return probe.model_copy(update={"kind": FindingKind.PAID_RUNNING})
        return stuck_finding(co, probe.sweep_id, status, overdue=False, payment_id=probe.payment_id)
    review = await flow_status(client, review_id(probe.gateway, probe.payment_id))
    if review in (FlowStatus.RUNNING, FlowStatus.COMPLETED):
        return None  # under review, or reviewed: the review's verdict stands
    psp = gateways.get(probe.gateway).payments
    if await psp.refunds_cover(probe.payment_id, probe.amount_minor or 0):
        return None
    return probe


async def hand_to_review(session: AsyncSession, ctx: RepairContext, f: Finding) -> RepairOutcome:
    """A captured probe's ``object_id`` is its payment id (:func:`captured_probe`)."""
    assert f.gateway is not None and f.payment_id is not None
    out = f.outcome()
    if await is_held(session, f.gateway, f.payment_id):
        out.detail = "a payment row holds it now"
        return out
    event = captured_event(
        f,
        event_id=f"reconcile-{f.gateway}-{f.payment_id}",
        event_type="reconciliation.captured_payment",
    )
    pairs = initial_pairs(
        "payment_review",
        checkout_id=f.checkout_id,
        gateway=f.gateway,
        amount_minor=f.amount_minor,
        currency=f.currency,
    )
    try:
        await start_review(
            ctx.client,
            event,
            workflow_id=review_id(f.gateway, f.payment_id),
            task_queue=ctx.settings.temporal_task_queue,
            # A review that failed or was terminated may run again; one that completed
            # and still left the money unheld needs a person, not a loop.
            reuse=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            search_attributes=TypedSearchAttributes(pairs),
            summary=f"Review {f.gateway} payment {f.payment_id}: captured, no paid order holds it",
            details=f"found by reconciliation · {f.detail}",
            hosted=ctx.hosted,
        )
    except WorkflowAlreadyStartedError as err:
        raise ApplicationError(
            f"review of {f.payment_id} completed but the payment is still unheld: "
            "an operator must look at it",
            type="Conflict",
            non_retryable=True,
        ) from err
    out.action, out.detail = "handed_to_review", f.detail
    return out


def captured_probe(sweep_id: str, gateway: str, paid: SweptPayment) -> Finding:
    """A captured payment the sweep found at the PSP, to be routed (:func:`route_captured`)."""
    currency = paid.currency.upper()
    return Finding(
        kind=FindingKind.CAPTURED_UNHELD,
        sweep_id=sweep_id,
        gateway=gateway,
        object_type=paid.object_type,
        object_id=paid.payment_id,
        checkout_id=paid.checkout_id,
        payment_id=paid.payment_id,
        gateway_object_id=paid.gateway_object_id,
        amount_minor=paid.amount_minor,
        currency=currency,
        detail=f"{gateway} payment {paid.payment_id} of {paid.amount_minor} {currency} captured "
        f"for checkout {paid.checkout_id}; no paid order holds it",
    )


def found_payment_event(f: Finding) -> PspEvent:
    """The webhook a captured payment's saga never got, as the sweep hands it over. The
    event id names the payment, so every sweep after the first is a duplicate."""
    return captured_event(
        f,
        event_id=f"reconcile-paid-{f.gateway}-{f.payment_id}",
        event_type="reconciliation.payment_captured",
    )


def captured_event(f: Finding, *, event_id: str, event_type: str) -> PspEvent:
    """A captured payment's finding as the ``payment.succeeded`` event a webhook carries."""
    assert f.gateway is not None and f.payment_id is not None
    return PspEvent(
        gateway=Gateway(f.gateway),
        event_id=event_id,
        event_type=event_type,
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=f.payment_id,
        checkout_id=f.checkout_id,
        gateway_object_id=f.gateway_object_id,
        payment_id=f.payment_id,
        amount_minor=f.amount_minor,
        currency=f.currency,
        status="captured",
    )
