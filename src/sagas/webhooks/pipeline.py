"""The webhook path: cap → verify → translate → record and claim → route → signal → settle.

One :class:`WebhookPipeline` serves both gateways, the admin replay and the
reconciliation sweep. No transaction is open across a network call: the signature is
checked with no database at all; one short transaction records the delivery and claims
the event (dedupe by PSP event id, :mod:`.dedupe`); routing reads and the Temporal call
run outside any transaction; one more short transaction settles the claim and closes the
delivery's row. A delivery that ends before Temporal (bad signature, malformed body,
duplicate, recorded no-op) commits once; one handed over commits twice (on SQLite those
commits are shared with the other deliveries in flight: :mod:`.writes`).

The answers:

- 413 over the cap (recorded when the database lets us), before anything is parsed;
- 503 when the delivery cannot even be recorded (database down): the PSP retries;
- 400 for a bad signature or a body without a usable event: logged, nothing else;
- 200 ``duplicate`` for an event already handed over or settled, or being handed over by
  another copy right now (it holds the lease; if it fails the event stays ``pending`` and
  the PSP's retry of that copy, or the reconciliation sweep, hands it over): a no-op;
- 200 ``no_op`` for a verified event deliberately not routed, with the reason;
- 200 ``handed_over`` once Temporal accepted the signal (or started the review);
- 503 ``failed`` when Temporal or the database failed mid-way: the event stays
  ``pending`` and the PSP's retry (or an admin replay, or the sweep) hands it over later.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from starlette.requests import Request
from temporalio.client import Client

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.webhooks import DeliveryResult as R
from sagas.db.models.webhooks import EventStatus, WebhookDelivery
from sagas.domain.psp_events import Gateway, PspEvent
from sagas.settings import Settings
from sagas.webhooks import dedupe, envelopes, routing, writes
from sagas.webhooks.answers import Answer, answer, with_result
from sagas.webhooks.audit import Arrival, AuditLog, Outcome, kept_headers
from sagas.webhooks.body import BodyIncomplete, BodyTooLarge, read_capped
from sagas.webhooks.errors import (
    HandOffFailed,
    InvalidSignature,
    MalformedEvent,
    NotReplayable,
    UnknownDelivery,
)
from sagas.webhooks.handover import Handover

log = logging.getLogger("sagas.webhooks.pipeline")

DB_ERRORS = (SQLAlchemyError, OSError)
SWEEP_AGENT = "sagas-reconciliation"  # the audit's user-agent for what a sweep found
NOT_RECORDED = "database unavailable: not recorded"


class WebhookPipeline:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        temporal: Callable[[], Awaitable[Client]],
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._temporal = temporal
        self._audit = AuditLog(sessions)

    # -- entry points ------------------------------------------------------------------

    async def receive(self, gateway: Gateway, request: Request) -> Answer:
        headers = kept_headers(request.headers)
        source_ip = request.client.host if request.client else None
        try:
            raw = await read_capped(request)
        except BodyTooLarge as err:
            arrival = Arrival(gateway.value, source_ip, headers, None, err.seen)
            return await self._record(arrival, Outcome(R.TOO_LARGE, 413, str(err)), keep=True)
        except BodyIncomplete as err:
            arrival = Arrival(gateway.value, source_ip, headers, None, 0)
            return await self._record(arrival, Outcome(R.MALFORMED, 400, str(err)), keep=True)
        arrival = Arrival(gateway.value, source_ip, headers, raw, len(raw))
        try:
            envelopes.verify(self._settings, gateway, raw, headers)
        except InvalidSignature as err:
            claimed_id, claimed_type = envelopes.claimed(gateway, raw, headers)
            outcome = Outcome(R.INVALID_SIGNATURE, 400, err.reason, False, claimed_id, claimed_type)
            return await self._record(arrival, outcome)
        except Exception as err:  # a bug: the delivery is still recorded, and retried
            return await self._record(arrival, _crashed("verifying", gateway, err))
        return await self._process(gateway, arrival, force=False)

    async def replay(self, delivery_id: str, source_ip: str | None) -> Answer:
        """Re-run a recorded, verified delivery through routing and hand-off, audited anew."""
        async with self._sessions() as session:
            original = await session.get(WebhookDelivery, delivery_id)
        if original is None:
            raise UnknownDelivery(f"no webhook delivery {delivery_id}")
        if not original.signature_valid or original.payload is None or not original.event_id:
            raise NotReplayable(
                "only a delivery with a valid signature and an event id can be replayed"
            )
        raw = original.payload.encode("utf-8")
        arrival = Arrival(
            original.gateway,
            source_ip,
            dict(original.headers),
            raw,
            len(raw),
            replay_of=original.id,
            request_id=f"replay_{uuid.uuid4().hex}",
        )
        return await self._process(Gateway(original.gateway), arrival, force=True)

    async def ingest_fetched(self, gateway: Gateway, raw: bytes) -> Answer:
        """An event the reconciliation sweep read back from the PSP's own API (one whose
        delivery failed): audited, then deduped, routed and handed over exactly like a
        delivery. No signature to check: it came over our authenticated API call."""
        return await self._process(gateway, _swept(gateway, raw), force=False)

    async def hand_over_found(self, event: PspEvent) -> Answer:
        """A finding of the sweep, as the webhook that never came would have carried it:
        its ``event_id`` is derived from the PSP object and state, so a second sweep (or a
        concurrent one) finds it already handed over and does nothing."""
        arrival = _swept(event.gateway, event.model_dump_json().encode())
        facts = Outcome(R.RECEIVED, 200, event_id=event.event_id, event_type=event.event_type)
        return await self._deliver(event.gateway, arrival, facts, event, force=False)

    # -- steps -------------------------------------------------------------------------

    async def _process(self, gateway: Gateway, arrival: Arrival, *, force: bool) -> Answer:
        """A verified (or trusted) body: identify it, then deliver it."""
        raw = arrival.payload or b""
        try:
            event_id, event_type, event = envelopes.identify(gateway, raw, arrival.headers)
        except MalformedEvent as err:
            return await self._record(
                arrival, Outcome(R.MALFORMED, 400, err.reason, signature_valid=True)
            )
        except Exception as err:  # a bug: the delivery is still recorded, and retried
            return await self._record(arrival, _crashed("translating", gateway, err, verified=True))
        facts = Outcome(
            R.RECEIVED, 200, signature_valid=True, event_id=event_id, event_type=event_type
        )
        return await self._deliver(gateway, arrival, facts, event, force=force)

    async def _deliver(
        self,
        gateway: Gateway,
        arrival: Arrival,
        facts: Outcome,
        event: PspEvent | str,
        *,
        force: bool,
    ) -> Answer:
        """Record and claim (one commit), hand over with no transaction open, settle (one
        commit). Only the delivery holding the claim's lease talks to Temporal."""
        assert facts.event_id is not None and facts.event_type is not None
        key = {"gateway": gateway.value, "event_id": facts.event_id}
        try:
            delivery_id, outcome = await self._claim(arrival, facts, event, key, force=force)
        except DB_ERRORS:
            return answer(None, Outcome(R.FAILED, 503, NOT_RECORDED))
        if outcome.result != R.RECEIVED or not isinstance(event, PspEvent):
            return answer(delivery_id, outcome)  # settled in the claim's own transaction
        outcome = await self._hand_over(facts, event)
        status = EventStatus.PENDING
        if outcome.result == R.HANDED_OVER:
            status = EventStatus.HANDED_OVER
        elif outcome.result == R.NO_OP:
            status = EventStatus.NO_OP
        settled = outcome

        async def settle(conn: AsyncConnection) -> None:
            await dedupe.settle(
                conn,
                status=status,
                workflow_id=settled.workflow_id,
                detail=settled.detail,
                **key,
            )
            await self._audit.close(conn, delivery_id, arrival, settled)

        try:
            await writes.run(self._sessions, settle)
        except DB_ERRORS:
            if outcome.http_status < 300:  # handed over, but not recorded: let the PSP retry
                outcome = with_result(
                    outcome, R.FAILED, 503, "database unavailable: outcome not recorded"
                )
        return answer(delivery_id, outcome)

    async def _claim(
        self,
        arrival: Arrival,
        facts: Outcome,
        event: PspEvent | str,
        key: dict[str, str],
        *,
        force: bool,
    ) -> tuple[str, Outcome]:
        """In the first transaction: the dedupe claim and the delivery's row. The outcome
        is final (a duplicate, a recorded no-op, settled here) or ``received`` when this
        delivery holds the lease and must hand a :class:`PspEvent` over."""
        assert facts.event_type is not None
        event_type, delivery_id = facts.event_type, new_id("whd")

        async def claim_and_record(conn: AsyncConnection) -> Outcome:
            claim = await dedupe.claim(
                conn,
                event_type=event_type,
                delivery_id=delivery_id,
                now=utcnow(),
                force=force,
                **key,
            )
            outcome = facts
            if not claim.owned:
                why = f"already {claim.status}" if claim.settled else "being handed over"
                outcome = with_result(facts, R.DUPLICATE, 200, why, claim.workflow_id)
            elif isinstance(event, str):
                detail = f"recorded, not routed: {event}"
                await dedupe.settle(
                    conn, status=EventStatus.NO_OP, workflow_id=None, detail=detail, **key
                )
                outcome = with_result(facts, R.NO_OP, 200, detail)
            await self._audit.add(conn, arrival, outcome, delivery_id)
            return outcome

        return delivery_id, await writes.run(self._sessions, claim_and_record)

    async def _hand_over(self, facts: Outcome, event: PspEvent) -> Outcome:
        """Route (a read, its connection closed before the call) and hand over to Temporal.
        Never raises: any failure is a 503 outcome and the event stays pending."""
        try:
            client = await self._temporal()
        except Exception as err:  # the link wraps every connect failure
            return with_result(facts, R.FAILED, 503, f"temporal unavailable: {err}")
        try:
            async with writes.engine_of(self._sessions).connect() as conn:
                route = await routing.resolve(conn, event)
        except DB_ERRORS as err:
            return with_result(facts, R.FAILED, 503, f"database unavailable: {type(err).__name__}")
        try:
            handed = await Handover(client, self._settings.temporal_task_queue).deliver(
                event, route
            )
        except HandOffFailed as err:
            return with_result(facts, R.FAILED, 503, err.reason, route.workflow_id)
        except Exception as err:  # a bug must not leave the lease held or answer 500
            log.exception("hand-off of %s failed unexpectedly", event.event_id)
            reason = f"hand-off failed: {type(err).__name__}"
            return with_result(facts, R.FAILED, 503, reason, route.workflow_id)
        result = R.HANDED_OVER if handed.status == EventStatus.HANDED_OVER else R.NO_OP
        return with_result(facts, result, 200, handed.detail, handed.workflow_id)

    async def _record(self, arrival: Arrival, outcome: Outcome, *, keep: bool = False) -> Answer:
        """A delivery that ends before any claim: one finished row, one commit. If it
        cannot be written the answer is 503 (the PSP retries), unless ``keep``."""
        try:
            delivery_id: str | None = await self._audit.record(arrival, outcome)
        except DB_ERRORS:
            if not keep:
                return answer(None, Outcome(R.FAILED, 503, NOT_RECORDED))
            delivery_id = None
        return answer(delivery_id, outcome)


def _crashed(
    step: str, gateway: Gateway, err: Exception, *, verified: bool | None = None
) -> Outcome:
    log.exception("webhook intake failed %s a %s delivery", step, gateway.value)
    detail = f"internal error while {step}: {type(err).__name__}"
    return Outcome(R.FAILED, 503, detail, signature_valid=verified)


def _swept(gateway: Gateway, raw: bytes) -> Arrival:
    return Arrival(
        gateway.value,
        None,
        {"user-agent": SWEEP_AGENT},
        raw,
        len(raw),
        request_id=f"reconcile_{uuid.uuid4().hex}",
    )
