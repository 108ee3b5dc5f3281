"""The reconciliation activities: four finders and one repairer, wired to the real adapters.

Finders only look (database, Temporal visibility, PSP lists) and answer findings; the
repairer acts on one finding at a time through the owning saga's own path (restart or
signal its workflow, start the payment review) or the checkout saga's gateway adapters
(cancel a PaymentIntent, expire a Session). Every repair is idempotent: keys derived from
object ids at the PSP, business-key workflow ids with ``USE_EXISTING`` at Temporal.

The Temporal client is the worker's own (``activity.client()``) unless one is injected.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from sagas.activities.reconciliation import (
    checkouts,
    gateways,
    payments,
    refunds,
    signals,
    subscriptions,
    webhooks,
)
from sagas.activities.reconciliation.context import RepairContext
from sagas.activities.reconciliation.models import (
    Finding,
    FindingKind,
    FindInput,
    FindResult,
    RepairOutcome,
)
from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import GatewayError, as_activity_error
from sagas.gateways.registry import GatewayRegistry
from sagas.settings import Settings
from sagas.starters.hosting import NotHosted


class ReconciliationActivities:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        gateways: GatewayClients,
        settings: Settings,
        client: Client | None = None,
        hosted: Collection[str] | None = None,
    ) -> None:
        self._sessions = sessions
        self._gw = GatewayRegistry(gateways)
        self._settings = settings
        self._client = client
        self._hosted = hosted  # the worker's workflow types; None: start any by name

    def _temporal(self) -> Client:
        return self._client or activity.client()

    @activity.defn(name="reconcile.find_stuck_checkouts")
    async def find_stuck_checkouts(self, req: FindInput) -> FindResult:
        return await checkouts.find_stuck_checkouts(self._sessions, self._temporal(), req)

    @activity.defn(name="reconcile.find_stuck_subscriptions")
    async def find_stuck_subscriptions(self, req: FindInput) -> FindResult:
        return await subscriptions.find_stuck_subscriptions(self._sessions, self._temporal(), req)

    @activity.defn(name="reconcile.find_gateway_orphans")
    async def find_gateway_orphans(self, req: FindInput) -> FindResult:
        by_kind: dict[str, int] = {}
        findings: list[Finding] = []
        try:
            async with self._sessions() as session:
                for psp in self._gw.with_clients():
                    seen, found = await gateways.scan(session, self._temporal(), self._gw, psp, req)
                    by_kind.update(seen)
                    findings += found
        except GatewayError as err:
            raise as_activity_error(err) from err
        total = sum(by_kind.values())
        return FindResult(examined=total, findings=findings, examined_by_kind=by_kind)

    @activity.defn(name="reconcile.find_pending_refunds")
    async def find_pending_refunds(self, req: FindInput) -> FindResult:
        return await refunds.find_pending_refunds(self._sessions, self._temporal(), req)

    @activity.defn(name="reconcile.find_failed_webhooks")
    async def find_failed_webhooks(self, req: FindInput) -> FindResult:
        return await webhooks.find_failed_webhooks(self._sessions, req)

    @activity.defn(name="reconcile.repair")
    async def repair(self, finding: Finding) -> RepairOutcome:
        ctx = self._context()
        handlers: dict[FindingKind, Callable[[Finding], Awaitable[RepairOutcome]]] = {
            FindingKind.STUCK_CHECKOUT: lambda f: checkouts.repair_stuck_checkout(ctx, f),
            FindingKind.OPEN_ORPHAN: self._open_orphan,
            FindingKind.CAPTURED_UNHELD: self._captured_unheld,
            FindingKind.PENDING_REFUND: lambda f: refunds.repair_pending_refund(ctx, f),
            FindingKind.FAILED_WEBHOOK: lambda f: webhooks.redeliver(ctx, f),
            FindingKind.PAID_RUNNING: lambda f: self._signals(ctx).paid_running(f),
            FindingKind.SUBSCRIPTION_LIVE: lambda f: self._signals(ctx).subscription_live(f),
            FindingKind.FAILED_DELIVERY: lambda f: self._signals(ctx).failed_delivery(f),
            FindingKind.STUCK_SUBSCRIPTION: lambda f: subscriptions.repair_stuck_subscription(
                ctx, f
            ),
        }
        try:
            return await handlers[finding.kind](finding)
        except GatewayError as err:
            raise as_activity_error(err) from err
        except NotHosted as err:
            raise ApplicationError(str(err), type="NotHosted", non_retryable=True) from err

    def _context(self) -> RepairContext:
        return RepairContext(self._sessions, self._temporal(), self._settings, self._hosted)

    def _signals(self, ctx: RepairContext) -> signals.Signals:
        return signals.Signals(ctx, self._gw)

    async def _captured_unheld(self, f: Finding) -> RepairOutcome:
        async with self._sessions() as session:
            return await payments.hand_to_review(session, self._context(), f)

    async def _open_orphan(self, f: Finding) -> RepairOutcome:
        """Make the orphan unpayable; one the payer completed meanwhile goes to review."""
        out = f.outcome()
        assert f.gateway is not None
        sweeps = self._gw.get(f.gateway).sweeps
        closed = await sweeps.close_orphan(f.object_type, f.object_id, f.checkout_id)
        if closed is None:
            raise ApplicationError(
                f"no repair for {f.object_type}", type="Conflict", non_retryable=True
            )
        if closed.action is not None:
            out.action, out.detail = closed.action, f.detail
            return out
        if closed.paid is not None:
            probe = payments.captured_probe(f.sweep_id, f.gateway, closed.paid)
            async with self._sessions() as session:
                routed = await payments.route_captured(session, self._temporal(), self._gw, probe)
            if routed is None:
                out.detail = "paid meanwhile; its saga or a review holds it"
                return out
            return await self.repair(routed)
        if closed.note is not None:
            out.detail = closed.note
            return out
        raise ApplicationError(
            f"{f.object_type} {f.object_id} is {closed.status}; it could not be made unpayable",
            type="Conflict",
            non_retryable=True,
        )
