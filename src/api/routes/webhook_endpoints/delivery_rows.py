"""An endpoint's deliveries still to come, and its attempts newest first (at most 1000)."""

from __future__ import annotations

from sqlalchemy import select

from api.deps import SessionDep
from api.routes.delivery_views import attempt_row, pending_row
from api.schemas.events import DeliveryAttemptOut
from sagas.db.models.events import DeliveryAttempt, EventDelivery

MAX_DELIVERY_ROWS = 1000


async def pending_rows(
    session: SessionDep, endpoint_id: str, event_id: str | None
) -> list[DeliveryAttemptOut]:
    pending = select(EventDelivery).where(
        EventDelivery.endpoint_id == endpoint_id, EventDelivery.status == "pending"
    )
    if event_id is not None:
        pending = pending.where(EventDelivery.event_id == event_id)
    found = await session.scalars(pending.order_by(EventDelivery.id).limit(MAX_DELIVERY_ROWS))
    return [pending_row(d) for d in found]


async def attempt_rows(
    session: SessionDep, endpoint_id: str, event_id: str | None, status: str | None
) -> list[DeliveryAttemptOut]:
    attempts = select(DeliveryAttempt).where(DeliveryAttempt.endpoint_id == endpoint_id)
    if event_id is not None:
        attempts = attempts.where(DeliveryAttempt.event_id == event_id)
    if status is not None:
        attempts = attempts.where(DeliveryAttempt.status == status)
    done = await session.scalars(
        attempts.order_by(DeliveryAttempt.id.desc()).limit(MAX_DELIVERY_ROWS)
    )
    return [attempt_row(a) for a in done]
