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

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client
from temporalio.common import TypedSearchAttributes, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

from sagas.activities.reconciliation.checkouts import WAITING, stuck_finding
from sagas.activities.reconciliation.flows import FlowStatus, flow_status, start_by_name
from sagas.activities.reconciliation.models import Bucket, Finding, FindingKind, RepairOutcome
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Payment
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.gateways.clients import GatewayClients, razorpay_call, stripe_call
from sagas.settings import Settings
from sagas.temporal.search_attributes import initial_pairs

REFUND_COUNTS = {"pending", "requires_action", "succeeded"}  # Stripe refunds that return money


def review_id(gateway: str, payment_id: str) -> str:
    return f"payment-review-{gateway}-{payment_id}"


async def is_held(session: AsyncSession, gateway: str, payment_id: str) -> bool:
    found = await session.scalar(
        select(Payment.id).where(
            Payment.gateway == gateway, Payment.gateway_payment_id == payment_id
        )
    )
    return found is not None


async def refunded_at_psp(gw: GatewayClients, gateway: str, payment_id: str, amount: int) -> bool:
    """True when the PSP's own refunds (in flight or done) cover the captured amount."""
    if gateway == "razorpay":
        raw: dict[str, Any] = dict(
            await razorpay_call(gw.require_razorpay().payment.fetch, payment_id)
        )
        return int(raw.get("amount_refunded") or 0) >= amount
    page = await stripe_call(
        gw.require_stripe().v1.refunds.list_async,
        params={"payment_intent": payment_id, "limit": 100},
    )
    data = page.to_dict().get("data", []) if hasattr(page, "to_dict") else []
    total = sum(int(r.get("amount") or 0) for r in data if r.get("status") in REFUND_COUNTS)
    return total >= amount


async def route_captured(
    session: AsyncSession,
    client: Client,
    gw: GatewayClients,
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
            return None  # the live saga finds it on its next PSP read
        return stuck_finding(co, probe.sweep_id, status, overdue=False, payment_id=probe.payment_id)
    review = await flow_status(client, review_id(probe.gateway, probe.payment_id))
    if review in (FlowStatus.RUNNING, FlowStatus.COMPLETED):
        return None  # under review, or reviewed: the review's verdict stands
    if await refunded_at_psp(gw, probe.gateway, probe.payment_id, probe.amount_minor or 0):
        return None
    return probe


async def hand_to_review(
    session: AsyncSession, client: Client, settings: Settings, f: Finding
) -> RepairOutcome:
    assert f.gateway is not None and f.payment_id is not None
    out = RepairOutcome(
        bucket=Bucket.REVIEW, object_type=f.object_type, object_id=f.payment_id, action=None
    )
    if await is_held(session, f.gateway, f.payment_id):
        out.detail = "a payment row holds it now"
        return out
    event = PspEvent(
        gateway=Gateway(f.gateway),
        event_id=f"reconcile-{f.gateway}-{f.payment_id}",
        event_type="reconciliation.captured_payment",
        kind=PspEventKind.PAYMENT_SUCCEEDED,
        object_id=f.payment_id,
        checkout_id=f.checkout_id,
        gateway_object_id=f.gateway_object_id,
        payment_id=f.payment_id,
        amount_minor=f.amount_minor,
        currency=f.currency,
        status="captured",
    )
    pairs = initial_pairs(
        "payment_review",
        checkout_id=f.checkout_id,
        gateway=f.gateway,
        amount_minor=f.amount_minor,
        currency=f.currency,
    )
    try:
        await start_by_name(
            client,
            "PaymentReviewWorkflow",
            event,
            workflow_id=review_id(f.gateway, f.payment_id),
            task_queue=settings.temporal_task_queue,
            # A review that failed or was terminated may run again; one that completed
            # and still left the money unheld needs a person, not a loop.
            reuse=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            search_attributes=TypedSearchAttributes(pairs),
            summary=f"Review {f.gateway} payment {f.payment_id}: captured, no paid order holds it",
            details=f"found by reconciliation · {f.detail}",
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


def captured_probe(
    *,
    sweep_id: str,
    gateway: str,
    object_type: str,
    payment_id: str,
    gateway_object_id: str,
    checkout_id: str | None,
    amount_minor: int,
    currency: str,
) -> Finding:
    return Finding(
        kind=FindingKind.CAPTURED_UNHELD,
        sweep_id=sweep_id,
        gateway=gateway,
        object_type=object_type,
        object_id=payment_id,
        checkout_id=checkout_id,
        payment_id=payment_id,
        gateway_object_id=gateway_object_id,
        amount_minor=amount_minor,
        currency=currency.upper(),
        detail=f"{gateway} payment {payment_id} of {amount_minor} {currency.upper()} captured "
        f"for checkout {checkout_id}; no paid order holds it",
    )
