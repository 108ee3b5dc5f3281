"""Dispute saga activities: the PSP's word first, then our records, each idempotent.

- ``dispute.sync`` reads the dispute at the PSP and records it (row, order, ledger,
  events) in one transaction: the saga never moves anything on a webhook alone.
- ``dispute.submit_evidence`` / ``dispute.accept`` answer the PSP (Stripe with an
  idempotency key from the workflow id and the action's number; a dispute already
  answered, say by an attempt whose answer was lost, is not answered twice), then
  record its answer.
- ``dispute.mark_reviewed`` clears the review flag of a dispute for a payment we do not
  know, once an operator resolved it (the row itself is the record of the review).
- ``dispute.revoke_fulfilment`` reverses what a charged-back order granted, as its own
  step (the first run stamps the dispute; a repeat changes nothing).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.adapters import WithAdapters
from sagas.activities.dispute_models import AcceptInput, DisputeRead, DisputeRef, EvidenceInput
from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.models.disputes import Dispute
from sagas.disputes.locks import lock_order
from sagas.disputes.recorded import Recorded
from sagas.disputes.records import record
from sagas.domain.disputes import DisputeStatus, PspDispute
from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import GatewayError, PermanentGatewayError, as_activity_error, psp_call
from sagas.gateways.protocols.disputes import DisputeGateway
from sagas.gateways.protocols.gateway import PaymentGateway
from sagas.settings import Settings


async def _answered(
    gw: DisputeGateway,
    dispute_id: str,
    done: Callable[[PspDispute], bool],
    call: Callable[[], Awaitable[PspDispute]],
) -> PspDispute:
    """Answer the PSP once, also when an earlier attempt's answer was lost on the way
    back: read first (Razorpay's contest and accept take no idempotency key, and a
    repeat is refused), and read again when the PSP refuses, before calling it a refusal."""
    current = await psp_call(lambda: gw.read_dispute(dispute_id))
    if done(current):
        return current
    try:
        return await call()
    except PermanentGatewayError as err:
        now = await psp_call(lambda: gw.read_dispute(dispute_id))
        if done(now):
            return now
        raise as_activity_error(err) from err
    except GatewayError as err:
        raise as_activity_error(err) from err


class DisputeActivities(WithAdapters):
    def _psp_gateway(self, name: str) -> PaymentGateway:
        try:
            return self._gw.get(name)
        except GatewayError as err:
            raise as_activity_error(err) from err

    def _gateway(self, name: str) -> DisputeGateway:
        found = self._psp_gateway(name).disputes
        if found is None:
            raise ApplicationError(
                f"{name} does not support disputes", type="Conflict", non_retryable=True
            )
        return found

    async def _record(
        self, psp: PspDispute, workflow_id: str, *, accepted: bool = False
    ) -> Recorded:
        async with unit_of_work(self._sessions) as session:
            done = await record(session, psp, workflow_id=workflow_id, accepted=accepted)
        return done.model_copy(update={"poll_interval_s": self._settings.dispute_poll_interval_s})

    @activity.defn(name="dispute.sync")
    async def sync(self, req: DisputeRead) -> Recorded:
        gw = self._gateway(req.gateway)
        psp = await psp_call(lambda: gw.read_dispute(req.gateway_dispute_id))
        return await self._record(psp, req.workflow_id)

    @activity.defn(name="dispute.submit_evidence")
    async def submit_evidence(self, req: EvidenceInput) -> Recorded:
        gw = self._gateway(req.gateway)
        most = self._psp_gateway(req.gateway).traits.dispute_evidence_max
        if most and len(req.text) > most:
            raise ApplicationError(
                f"{req.gateway} takes at most {most} characters of evidence",
                type="ValidationFailed",
                non_retryable=True,
            )
        psp = await _answered(
            gw,
            req.gateway_dispute_id,
            lambda d: req.submit and d.evidence_submitted,
            lambda: gw.submit_evidence(
                req.gateway_dispute_id, text=req.text, submit=req.submit, key=req.idempotency_key
            ),
        )
        return await self._record(psp, req.workflow_id)

    @activity.defn(name="dispute.accept")
    async def accept(self, req: AcceptInput) -> Recorded:
        gw = self._gateway(req.gateway)
        psp = await _answered(
            gw,
            req.gateway_dispute_id,
            lambda d: d.status is DisputeStatus.LOST,
            lambda: gw.accept_dispute(req.gateway_dispute_id, key=req.idempotency_key),
        )
        return await self._record(psp, req.workflow_id, accepted=True)

    @activity.defn(name="dispute.mark_reviewed")
    async def mark_reviewed(self, ref: DisputeRef) -> bool:
        """An operator reviewed a dispute whose payment we do not know: it stays on
        record (``order_id`` empty), no longer flagged."""
        async with unit_of_work(self._sessions) as session:
            row = await session.get(Dispute, ref.dispute_id, with_for_update=True)
            if row is None:
                return False
            row.needs_review = False
            row.updated_at = utcnow()
            return True

    @activity.defn(name="dispute.revoke_fulfilment")
    async def revoke_fulfilment(self, ref: DisputeRef) -> bool:
        async with unit_of_work(self._sessions) as session:
            row = await session.get(Dispute, ref.dispute_id)
            if row is None or row.order_id is None or row.status != DisputeStatus.LOST:
                return False
            await lock_order(session, row.order_id)
            row = await session.get(Dispute, ref.dispute_id, populate_existing=True)
            assert row is not None
            if row.fulfilment_revoked_at is None:
                row.fulfilment_revoked_at = utcnow()
            return True


def dispute_activities(
    sessions: async_sessionmaker[AsyncSession], gateways: GatewayClients, settings: Settings
) -> list[Callable[..., object]]:
    acts = DisputeActivities(sessions, gateways, settings)
    return [
        acts.sync,
        acts.submit_evidence,
        acts.accept,
        acts.mark_reviewed,
        acts.revoke_fulfilment,
    ]
