"""The delivery log: one row per delivery, written in intake's first short transaction.

A delivery that ends there (a bad signature, a malformed body, a duplicate, a recorded
no-op) is written finished, in one commit. One that goes on to Temporal is written
``received`` together with its dedupe claim, and closed in the transaction that settles
the claim; a failure in between still leaves a ``received`` row that says a delivery came
in. If the first write fails the database is down and the answer is 503 (the PSP retries).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.webhooks import DeliveryResult, WebhookDelivery
from sagas.webhooks import writes

#: The headers worth keeping; everything else (cookies, auth, proxies' noise) is dropped.
KEPT_HEADERS = (
    "stripe-signature",
    "x-razorpay-signature",
    "x-razorpay-event-id",
    "request-id",
    "x-request-id",
    "user-agent",
    "content-type",
    "content-length",
    "transfer-encoding",
    "x-forwarded-for",
)
MAX_HEADER_CHARS = 1000
MAX_DETAIL_CHARS = 2000


def kept_headers(headers: Any) -> dict[str, str]:
    return {name: str(headers[name])[:MAX_HEADER_CHARS] for name in KEPT_HEADERS if name in headers}


def request_id_for(headers: dict[str, str]) -> str:
    """The PSP's request id when it sends one, else the event id header, else a new one."""
    for name in ("request-id", "x-request-id", "x-razorpay-event-id"):
        if headers.get(name):
            return headers[name][:255]
    return f"whr_{uuid.uuid4().hex}"


@dataclass
class Arrival:
    gateway: str
    source_ip: str | None
    headers: dict[str, str]
    payload: bytes | None
    payload_bytes: int
    replay_of: str | None = None
    request_id: str = ""
    started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.request_id = self.request_id or request_id_for(self.headers)


@dataclass
class Outcome:
    result: str
    http_status: int
    detail: str | None = None
    signature_valid: bool | None = None
    event_id: str | None = None
    event_type: str | None = None
    workflow_id: str | None = None


class AuditLog:
    """Rows of ``webhook_deliveries``, written inside the caller's transaction (so the
    record, the dedupe claim and the settle share commits) or on their own."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add(
        self,
        conn: AsyncConnection,
        arrival: Arrival,
        outcome: Outcome,
        delivery_id: str | None = None,
    ) -> str:
        """Insert the delivery's row in ``conn``'s transaction: finished when ``outcome``
        is final, ``received`` (closed later by :meth:`close`) while the hand-off is under
        way."""
        delivery_id = delivery_id or new_id("whd")
        text = arrival.payload.decode("utf-8", "replace") if arrival.payload is not None else None
        await conn.execute(
            insert(WebhookDelivery).values(
                id=delivery_id,
                gateway=arrival.gateway,
                received_at=utcnow(),
                source_ip=arrival.source_ip,
                request_id=arrival.request_id,
                headers=arrival.headers,
                payload=text,
                payload_bytes=arrival.payload_bytes,
                replay_of=arrival.replay_of,
                **_facts(arrival, outcome),
            )
        )
        return delivery_id

    async def record(self, arrival: Arrival, outcome: Outcome) -> str:
        """A finished row in its own short transaction (one commit)."""
        delivery_id = new_id("whd")

        async def job(conn: AsyncConnection) -> str:
            return await self.add(conn, arrival, outcome, delivery_id)

        return await writes.run(self._sessions, job)

    async def close(
        self, conn: AsyncConnection, delivery_id: str, arrival: Arrival, outcome: Outcome
    ) -> None:
        """Write the outcome onto a ``received`` row, in the caller's transaction."""
        await conn.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id)
            .values(**_facts(arrival, outcome))
        )


def _facts(arrival: Arrival, outcome: Outcome) -> dict[str, Any]:
    """The outcome's columns; a ``received`` outcome is not finished yet."""
    finished = outcome.result != DeliveryResult.RECEIVED
    values: dict[str, Any] = {
        "result": outcome.result,
        "http_status": outcome.http_status if finished else None,
        "detail": outcome.detail[:MAX_DETAIL_CHARS] if outcome.detail else None,
        "finished_at": utcnow() if finished else None,
        "duration_ms": int((time.monotonic() - arrival.started) * 1000) if finished else None,
        "workflow_id": outcome.workflow_id,
    }
    if outcome.signature_valid is not None:
        values["signature_valid"] = outcome.signature_valid
    if outcome.event_id is not None:
        values["event_id"] = outcome.event_id[:255]
    if outcome.event_type is not None:
        values["event_type"] = outcome.event_type[:128]
    return values
