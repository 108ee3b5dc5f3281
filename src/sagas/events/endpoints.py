"""Merchant webhook endpoints: create, change, delete, rotate the secret.

A secret is returned only by :func:`create` and :func:`rotate_secret`. A rotation keeps
the old secret signing beside the new one for :data:`ROTATION_OVERLAP`. Disabling or
deleting an endpoint releases the fulfilment hand-offs that waited on it; enabling it
again resumes its parked deliveries. Deleting keeps the row (``deleted``) so its
deliveries stay accountable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.events import EventDelivery, WebhookEndpoint
from sagas.events.delivery.signing import new_secret
from sagas.events.fulfilment import release_endpoint
from sagas.events.types import KNOWN, WILDCARD
from sagas.services.errors import ServiceError

ROTATION_OVERLAP = timedelta(hours=24)


class EndpointError(ServiceError):
    code = "validation_error"
    status = 422


class EndpointNotFound(EndpointError):
    code = "not_found"
    status = 404


def check_types(event_types: Sequence[str]) -> list[str]:
    unknown = sorted({t for t in event_types if t != WILDCARD and t not in KNOWN})
    if unknown:
        raise EndpointError(f"unknown event types: {', '.join(unknown)}")
    if not event_types:
        raise EndpointError("event_types must name at least one type, or '*'")
    return list(dict.fromkeys(event_types))


async def get(session: AsyncSession, endpoint_id: str, *, lock: bool = False) -> WebhookEndpoint:
    # FOR NO KEY UPDATE: an event being written meanwhile only needs a key-share lock on
    # the endpoint (its delivery's foreign key), so the two never wait on each other.
    row = await session.get(
        WebhookEndpoint, endpoint_id, with_for_update={"key_share": True} if lock else None
    )
    if row is None or row.status == "deleted":
        raise EndpointNotFound(f"no webhook endpoint {endpoint_id!r}")
    return row


async def list_all(session: AsyncSession) -> list[WebhookEndpoint]:
    rows = await session.scalars(
        select(WebhookEndpoint)
        .where(WebhookEndpoint.status != "deleted")
        .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)
    )
    return list(rows)


async def create(
    session: AsyncSession, *, url: str, event_types: Sequence[str], description: str | None
) -> WebhookEndpoint:
    row = WebhookEndpoint(
        id=new_id("we"),
        url=url,
        description=description,
        event_types=check_types(event_types),
        status="enabled",
        secret=new_secret(),
    )
    session.add(row)
    await session.flush()
    return row


async def set_status(session: AsyncSession, row: WebhookEndpoint, status: str) -> None:
    """Enable, disable or delete; the side effects of each, in the caller's transaction."""
    before, row.status = row.status, status
    await session.flush()
    if status == before:
        return
    if status == "enabled":
        await session.execute(
            update(EventDelivery)
            .where(
                EventDelivery.endpoint_id == row.id,
                EventDelivery.status == "pending",
                EventDelivery.next_attempt_at.is_(None),
            )
            .values(next_attempt_at=utcnow(), lease_until=None)
        )
    else:
        await release_endpoint(session, row.id)


async def rotate_secret(session: AsyncSession, row: WebhookEndpoint) -> WebhookEndpoint:
    row.previous_secret = row.secret
    row.previous_expires_at = utcnow() + ROTATION_OVERLAP
    row.secret = new_secret()
    await session.flush()
    return row
