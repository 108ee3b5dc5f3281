"""The audit log's query: every filter given, newest first, after the cursor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, or_, select

from api.schemas.common.pages import after_cursor
from sagas.db.models.webhooks import WebhookDelivery
from sagas.domain.psp_events import Gateway


def deliveries_query(
    *,
    gateway: Gateway | None,
    signature_valid: bool | None,
    result: str | None,
    event_type: str | None,
    event_id: str | None,
    received_from: datetime | None,
    received_to: datetime | None,
    cursor: str | None,
) -> Select[WebhookDelivery]:
    d = WebhookDelivery
    stmt = select(d)
    if gateway is not None:
        stmt = stmt.where(d.gateway == gateway.value)
    if signature_valid is not None:
        stmt = stmt.where(d.signature_valid.is_(signature_valid))
    if result is not None:
        stmt = stmt.where(d.result == result)
    if event_type is not None:
        stmt = stmt.where(d.event_type == event_type)
    if event_id is not None:
        stmt = stmt.where(d.event_id == event_id)
    if received_from is not None:
        stmt = stmt.where(d.received_at >= received_from)
    if received_to is not None:
        stmt = stmt.where(d.received_at < received_to)
    if cursor:
        at, last_id = after_cursor(cursor)
        stmt = stmt.where(or_(d.received_at < at, and_(d.received_at == at, d.id < last_id)))
    return stmt.order_by(d.received_at.desc(), d.id.desc())
