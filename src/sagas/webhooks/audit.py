"""The delivery log: a row written first, in its own short transaction, then closed once.

Opening the row is the first thing intake does after the size check; if that write fails
the database is down and the answer is 503 (the PSP retries), before anything else
happens. Closing it records the outcome and the timing; a failure after the row exists
still leaves a ``received`` row that says a delivery came in.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.ids import new_id
from sagas.db.models.webhooks import DeliveryResult, WebhookDelivery

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
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def open(self, arrival: Arrival, *, result: str = DeliveryResult.RECEIVED) -> str:
        delivery_id = new_id("whd")
        text = arrival.payload.decode("utf-8", "replace") if arrival.payload is not None else None
        async with unit_of_work(self._sessions) as session:
            session.add(
                WebhookDelivery(
                    id=delivery_id,
                    gateway=arrival.gateway,
                    received_at=utcnow(),
                    source_ip=arrival.source_ip,
                    request_id=arrival.request_id,
                    headers=arrival.headers,
                    payload=text,
                    payload_bytes=arrival.payload_bytes,
                    result=result,
                    replay_of=arrival.replay_of,
                )
            )
        return delivery_id

    async def close(self, delivery_id: str, arrival: Arrival, outcome: Outcome) -> None:
        values: dict[str, Any] = {
            "result": outcome.result,
            "http_status": outcome.http_status,
            "detail": outcome.detail[:MAX_DETAIL_CHARS] if outcome.detail else None,
            "finished_at": utcnow(),
            "duration_ms": int((time.monotonic() - arrival.started) * 1000),
            "workflow_id": outcome.workflow_id,
        }
        if outcome.signature_valid is not None:
            values["signature_valid"] = outcome.signature_valid
        if outcome.event_id is not None:
            values["event_id"] = outcome.event_id[:255]
        if outcome.event_type is not None:
            values["event_type"] = outcome.event_type[:128]
        async with unit_of_work(self._sessions) as session:
            await session.execute(
                update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values)
            )
