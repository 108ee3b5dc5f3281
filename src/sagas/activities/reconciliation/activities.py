"""The reconciliation activities: four finders and one repairer, wired to the real adapters.

Finders only look (database, Temporal visibility, PSP lists) and answer findings; the
repairer acts on one finding at a time through the owning saga's own path (restart or
signal its workflow, start the payment review) or the checkout saga's gateway adapters
(cancel a PaymentIntent, expire a Session). Every repair is idempotent: keys derived from
object ids at the PSP, business-key workflow ids with ``USE_EXISTING`` at Temporal.

The Temporal client is the worker's own (``activity.client()``) unless one is injected.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from sagas.activities.reconciliation import checkouts, gateways, payments, refunds, webhooks
from sagas.activities.reconciliation.flows import NotHosted
from sagas.activities.reconciliation.models import (
    Bucket,
    Finding,
    FindingKind,
    FindInput,
    FindResult,
    RepairOutcome,
)
from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import GatewayError, as_activity_error
from sagas.gateways.stripe import payments as stp
from sagas.settings import Settings


class ReconciliationActivities:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        gateways: GatewayClients,
        settings: Settings,
        client: Client | None = None,
    ) -> None:
        self._sessions = sessions
        self._gw = gateways
        self._settings = settings
        self._client = client

    def _temporal(self) -> Client:
        return self._client or activity.client()

    @activity.defn(name="reconcile.find_stuck_checkouts")
    async def find_stuck_checkouts(self, req: FindInput) -> FindResult:
        return await checkouts.find_stuck_checkouts(self._sessions, self._temporal(), req)

    @activity.defn(name="reconcile.find_gateway_orphans")
    async def find_gateway_orphans(self, req: FindInput) -> FindResult:
        examined, findings = 0, list[Finding]()
        try:
            async with self._sessions() as session:
                if self._gw.stripe is not None:
                    n, found = await gateways.scan_stripe(session, self._temporal(), self._gw, req)
                    examined, findings = examined + n, findings + found
                if self._gw.razorpay is not None:
                    n, found = await gateways.scan_razorpay(
                        session, self._temporal(), self._gw, req
                    )
                    examined, findings = examined + n, findings + found
        except GatewayError as err:
            raise as_activity_error(err) from err
        return FindResult(examined=examined, findings=findings)

    @activity.defn(name="reconcile.find_pending_refunds")
    async def find_pending_refunds(self, req: FindInput) -> FindResult:
        return await refunds.find_pending_refunds(self._sessions, self._temporal(), req)

    @activity.defn(name="reconcile.find_failed_webhooks")
    async def find_failed_webhooks(self, req: FindInput) -> FindResult:
        return await webhooks.find_failed_webhooks(self._sessions, req)

    @activity.defn(name="reconcile.repair")
    async def repair(self, finding: Finding) -> RepairOutcome:
        handlers: dict[FindingKind, Callable[[Finding], Awaitable[RepairOutcome]]] = {
            FindingKind.STUCK_CHECKOUT: self._stuck_checkout,
            FindingKind.OPEN_ORPHAN: self._open_orphan,
            FindingKind.CAPTURED_UNHELD: self._captured_unheld,
            FindingKind.PENDING_REFUND: self._pending_refund,
            FindingKind.FAILED_WEBHOOK: self._failed_webhook,
        }
        try:
            return await handlers[finding.kind](finding)
        except GatewayError as err:
            raise as_activity_error(err) from err
        except NotHosted as err:
            raise ApplicationError(str(err), type="NotHosted", non_retryable=True) from err

    async def _stuck_checkout(self, f: Finding) -> RepairOutcome:
        return await checkouts.repair_stuck_checkout(
            self._sessions, self._temporal(), self._settings, f
        )

    async def _captured_unheld(self, f: Finding) -> RepairOutcome:
        async with self._sessions() as session:
            return await payments.hand_to_review(session, self._temporal(), self._settings, f)

    async def _pending_refund(self, f: Finding) -> RepairOutcome:
        return await refunds.repair_pending_refund(
            self._sessions, self._temporal(), self._settings, f
        )

    async def _failed_webhook(self, f: Finding) -> RepairOutcome:
        return await webhooks.redeliver(self._sessions, self._temporal(), self._settings, f)

    async def _open_orphan(self, f: Finding) -> RepairOutcome:
        """Make the orphan unpayable; one the payer completed meanwhile goes to review."""
        client = self._gw.require_stripe()
        out = RepairOutcome(
            bucket=Bucket.ORPHANS, object_type=f.object_type, object_id=f.object_id, action=None
        )
        if f.object_type == "payment_intent":
            status = await stp.cancel_intent(client, f.object_id)
            if status == "canceled":
                out.action, out.detail = "cancelled", f.detail
                return out
            if status == "succeeded":
                snap = await stp.read_intent(client, f.object_id)
                probe = payments.captured_probe(
                    sweep_id=f.sweep_id,
                    gateway="stripe",
                    object_type="payment_intent",
                    payment_id=f.object_id,
                    gateway_object_id=f.object_id,
                    checkout_id=f.checkout_id,
                    amount_minor=snap.amount_minor,
                    currency=snap.currency,
                )
                async with self._sessions() as session:
                    routed = await payments.route_captured(
                        session, self._temporal(), self._gw, probe
                    )
                if routed is None:
                    out.detail = "paid meanwhile; its saga or a review holds it"
                    return out
                return await self.repair(routed)
        elif f.object_type == "checkout_session":
            status = await stp.expire_session(client, f.object_id)
            if status == "expired":
                out.action, out.detail = "expired", f.detail
                return out
            if status == "complete":
                out.detail = "completed meanwhile; its PaymentIntent is swept as a payment"
                return out
        else:
            raise ApplicationError(
                f"no repair for {f.object_type}", type="Conflict", non_retryable=True
            )
        raise ApplicationError(
            f"{f.object_type} {f.object_id} is {status}; it could not be made unpayable",
            type="Conflict",
            non_retryable=True,
        )
