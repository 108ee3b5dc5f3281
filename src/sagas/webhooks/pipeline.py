"""The webhook path: cap → record → verify → translate → dedupe → route → signal → answer.

One :class:`WebhookPipeline` serves both gateways and the admin replay. The answers:

- 413 over the cap (recorded when the database lets us), before anything is parsed;
- 503 when the delivery cannot even be recorded (database down): the PSP retries;
- 400 for a bad signature or a body without a usable event: logged, nothing else;
- 200 ``duplicate`` for an event already handed over or settled: a no-op;
- 200 ``no_op`` for a verified event deliberately not routed, with the reason;
- 200 ``handed_over`` once Temporal accepted the signal (or started the review);
- 503 ``failed`` when Temporal or the database failed mid-way: the event stays
  ``pending`` and the PSP's retry (or an admin replay) hands it over later.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from temporalio.client import Client

from sagas.db.engine import unit_of_work
from sagas.db.models.webhooks import DeliveryResult as R
from sagas.db.models.webhooks import EventStatus, WebhookDelivery
from sagas.domain.psp_events import Gateway, PspEvent
from sagas.settings import Settings
from sagas.webhooks import dedupe, envelopes, routing
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
from sagas.webhooks.handover import Handed, Handover

DB_ERRORS = (SQLAlchemyError, OSError)
CLAIM_TRIES = 3


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
            return await self._finish(None, arrival, Outcome(R.TOO_LARGE, 413, str(err)))
        except BodyIncomplete as err:
            arrival = Arrival(gateway.value, source_ip, headers, None, 0)
            return await self._finish(None, arrival, Outcome(R.MALFORMED, 400, str(err)))
        arrival = Arrival(gateway.value, source_ip, headers, raw, len(raw))
        try:
            delivery_id = await self._audit.open(arrival)
        except DB_ERRORS:
            return answer(None, Outcome(R.FAILED, 503, "database unavailable: not recorded"))
        try:
            envelopes.verify(self._settings, gateway, raw, headers)
        except InvalidSignature as err:
            claimed_id, claimed_type = envelopes.claimed(gateway, raw, headers)
            outcome = Outcome(R.INVALID_SIGNATURE, 400, err.reason, False, claimed_id, claimed_type)
            return await self._finish(delivery_id, arrival, outcome)
        outcome = await self._process(gateway, raw, headers, delivery_id, force=False)
        return await self._finish(delivery_id, arrival, outcome)

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
        new_id = await self._audit.open(arrival)
        outcome = await self._process(
            Gateway(original.gateway), raw, arrival.headers, new_id, force=True
        )
        return await self._finish(new_id, arrival, outcome)

    # -- steps -------------------------------------------------------------------------

    async def _process(
        self,
        gateway: Gateway,
        raw: bytes,
        headers: dict[str, str],
        delivery_id: str,
        *,
        force: bool,
    ) -> Outcome:
        try:
            event_id, event_type, event = envelopes.identify(gateway, raw, headers)
        except MalformedEvent as err:
            return Outcome(R.MALFORMED, 400, err.reason, signature_valid=True)
        done = Outcome(
            R.RECEIVED, 200, signature_valid=True, event_id=event_id, event_type=event_type
        )
        try:
            if not force:
                seen = await dedupe.peek(self._sessions, gateway.value, event_id)
                if seen is not None and seen.settled:
                    return with_result(
                        done, R.DUPLICATE, 200, f"already {seen.status}", seen.workflow_id
                    )
            client = None
            if isinstance(event, PspEvent):
                try:
                    client = await self._temporal()
                except Exception as err:  # the link wraps every connect failure
                    return with_result(done, R.FAILED, 503, f"temporal unavailable: {err}")
            return await self._hand_off(done, gateway, event, client, delivery_id, force=force)
        except DB_ERRORS as err:
            return with_result(done, R.FAILED, 503, f"database unavailable: {type(err).__name__}")

    async def _hand_off(
        self,
        done: Outcome,
        gateway: Gateway,
        event: PspEvent | str,
        client: Client | None,
        delivery_id: str,
        *,
        force: bool,
    ) -> Outcome:
        assert done.event_id is not None and done.event_type is not None
        key = {"gateway": gateway.value, "event_id": done.event_id}
        for attempt in range(CLAIM_TRIES):
            failure: HandOffFailed | None = None
            try:
                async with unit_of_work(self._sessions) as session:
                    claim = await dedupe.claim(
                        session, event_type=done.event_type, delivery_id=delivery_id, **key
                    )
                    if claim.settled and not force:
                        return with_result(
                            done, R.DUPLICATE, 200, f"already {claim.status}", claim.workflow_id
                        )
                    if isinstance(event, str) or client is None:
                        handed = Handed(EventStatus.NO_OP, None, f"recorded, not routed: {event}")
                    else:
                        route = await routing.resolve(session, event)
                        try:
                            handed = await Handover(
                                client, self._settings.temporal_task_queue
                            ).deliver(event, route)
                        except HandOffFailed as err:
                            failure = err
                            handed = Handed(EventStatus.PENDING, route.workflow_id, err.reason)
                    await dedupe.settle(
                        session,
                        status=handed.status,
                        workflow_id=handed.workflow_id,
                        detail=handed.detail,
                        **key,
                    )
            except IntegrityError:
                if attempt + 1 < CLAIM_TRIES:
                    continue  # a concurrent copy inserted the row first: claim it again
                raise
            if failure is not None:
                return with_result(done, R.FAILED, 503, failure.reason, handed.workflow_id)
            result = R.HANDED_OVER if handed.status == EventStatus.HANDED_OVER else R.NO_OP
            return with_result(done, result, 200, handed.detail, handed.workflow_id)
        raise AssertionError("unreachable")

    async def _finish(self, delivery_id: str | None, arrival: Arrival, outcome: Outcome) -> Answer:
        """Write the outcome. A 2xx whose record cannot be written becomes a 503."""
        try:
            if delivery_id is None:
                delivery_id = await self._audit.open(arrival, result=outcome.result)
            await self._audit.close(delivery_id, arrival, outcome)
        except DB_ERRORS:
            if outcome.http_status < 300:
                outcome = with_result(
                    outcome, R.FAILED, 503, "database unavailable: outcome not recorded"
                )
        return answer(delivery_id, outcome)
