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
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from temporalio.client import Client

from sagas.db.engine import unit_of_work
from sagas.db.models.webhooks import DeliveryResult as R
from sagas.db.models.webhooks import EventStatus, WebhookDelivery
from sagas.domain.psp_events import Gateway, PspEvent
from sagas.gateways.razorpay import events as rzp
from sagas.gateways.stripe import events as stp
from sagas.settings import Settings
from sagas.webhooks import dedupe, routing
from sagas.webhooks.audit import Arrival, AuditLog, Outcome, kept_headers
from sagas.webhooks.body import BodyIncomplete, BodyTooLarge, read_capped
from sagas.webhooks.errors import (
    HandOffFailed,
    IgnoredEvent,
    InvalidSignature,
    MalformedEvent,
    NotReplayable,
    UnknownDelivery,
)
from sagas.webhooks.handover import Handed, Handover

DB_ERRORS = (SQLAlchemyError, OSError)
CLAIM_TRIES = 3
_CODES = {400: "bad_request", 413: "payload_too_large", 503: "service_unavailable"}


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


def _secrets(current: str, previous: str) -> list[str]:
    return [current, *(s.strip() for s in previous.split(",") if s.strip())]


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
            return _answer(None, Outcome(R.FAILED, 503, "database unavailable: not recorded"))
        try:
            self._verify(gateway, raw, headers)
        except InvalidSignature as err:
            claimed_id, claimed_type = _claimed(gateway, raw, headers)
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

    def _verify(self, gateway: Gateway, raw: bytes, headers: dict[str, str]) -> None:
        s = self._settings
        if gateway is Gateway.STRIPE:
            secrets = _secrets(
                s.stripe_webhook_secret.get_secret_value(), s.stripe_webhook_secrets_previous
            )
            stp.verify(raw, headers.get(stp.SIGNATURE_HEADER), secrets)
        else:
            secrets = _secrets(
                s.razorpay_webhook_secret.get_secret_value(), s.razorpay_webhook_secrets_previous
            )
            rzp.verify(raw, headers.get(rzp.SIGNATURE_HEADER), secrets)

    def _translate(
        self, gateway: Gateway, raw: bytes, headers: dict[str, str]
    ) -> tuple[str, str, PspEvent | str]:
        """(event id, type, event or the reason it is a no-op); MalformedEvent if unusable."""
        if gateway is Gateway.STRIPE:
            envelope = stp.parse(raw)
            event_id, event_type = str(envelope["id"]), str(envelope["type"])
            translate: Callable[[], PspEvent] = lambda: stp.translate(envelope)  # noqa: E731
        else:
            rid = headers.get(rzp.EVENT_ID_HEADER)
            envelope = rzp.parse(raw, rid)
            event_id, event_type = str(rid), str(envelope["event"])
            translate = lambda: rzp.translate(envelope, event_id)  # noqa: E731
        if len(event_id) > 255:
            raise MalformedEvent("event id is longer than 255 characters")
        try:
            return event_id, event_type, translate()
        except IgnoredEvent as err:
            return event_id, event_type, err.reason
        except ValidationError as err:
            return (
                event_id,
                event_type,
                f"event fields have unexpected types: {err.error_count()} errors",
            )

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
            event_id, event_type, event = self._translate(gateway, raw, headers)
        except MalformedEvent as err:
            return Outcome(R.MALFORMED, 400, err.reason, signature_valid=True)
        done = Outcome(
            R.RECEIVED, 200, signature_valid=True, event_id=event_id, event_type=event_type
        )
        try:
            if not force:
                seen = await dedupe.peek(self._sessions, gateway.value, event_id)
                if seen is not None and seen.settled:
                    return _with(done, R.DUPLICATE, 200, f"already {seen.status}", seen.workflow_id)
            client = None
            if isinstance(event, PspEvent):
                try:
                    client = await self._temporal()
                except Exception as err:  # the link wraps every connect failure
                    return _with(done, R.FAILED, 503, f"temporal unavailable: {err}")
            return await self._hand_off(done, gateway, event, client, delivery_id, force=force)
        except DB_ERRORS as err:
            return _with(done, R.FAILED, 503, f"database unavailable: {type(err).__name__}")

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
                        return _with(
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
                return _with(done, R.FAILED, 503, failure.reason, handed.workflow_id)
            result = R.HANDED_OVER if handed.status == EventStatus.HANDED_OVER else R.NO_OP
            return _with(done, result, 200, handed.detail, handed.workflow_id)
        raise AssertionError("unreachable")

    async def _finish(self, delivery_id: str | None, arrival: Arrival, outcome: Outcome) -> Answer:
        """Write the outcome. A 2xx whose record cannot be written becomes a 503."""
        try:
            if delivery_id is None:
                delivery_id = await self._audit.open(arrival, result=outcome.result)
            await self._audit.close(delivery_id, arrival, outcome)
        except DB_ERRORS:
            if outcome.http_status < 300:
                outcome = _with(
                    outcome, R.FAILED, 503, "database unavailable: outcome not recorded"
                )
        return _answer(delivery_id, outcome)


def _claimed(
    gateway: Gateway, raw: bytes, headers: dict[str, str]
) -> tuple[str | None, str | None]:
    """The id and type an unverified body claims, for the log only (never acted on)."""
    try:
        if gateway is Gateway.STRIPE:
            envelope = stp.parse(raw)
            return str(envelope["id"]), str(envelope["type"])
        envelope = rzp.parse(raw, headers.get(rzp.EVENT_ID_HEADER))
        return headers.get(rzp.EVENT_ID_HEADER), str(envelope["event"])
    except MalformedEvent:
        return None, None


def _with(
    base: Outcome, result: str, status: int, detail: str | None, workflow_id: str | None = None
) -> Outcome:
    return Outcome(
        result=result,
        http_status=status,
        detail=detail,
        signature_valid=base.signature_valid,
        event_id=base.event_id,
        event_type=base.event_type,
        workflow_id=workflow_id,
    )


def _answer(delivery_id: str | None, outcome: Outcome) -> Answer:
    facts = {
        "delivery_id": delivery_id,
        "event_id": outcome.event_id,
        "result": outcome.result,
        "workflow_id": outcome.workflow_id,
    }
    if outcome.http_status < 300:
        return Answer(outcome.http_status, {"received": True, **facts, "detail": outcome.detail})
    code = {R.INVALID_SIGNATURE: "invalid_signature", R.MALFORMED: "malformed_event"}.get(
        outcome.result, _CODES.get(outcome.http_status, "error")
    )
    message = outcome.detail or code
    return Answer(
        outcome.http_status, {"error": {"code": code, "message": message, "details": facts}}
    )
