"""Listing recorded webhook deliveries (admin), newest first, with filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminOnly, SessionDep
from api.errors import ApiError
from api.routes.admin_webhooks.filters import deliveries_query
from api.routes.admin_webhooks.params import ResultFilter
from api.routes.admin_webhooks.views import delivery_out
from api.schemas.common.pages import Page, PageLimit, encode_cursor
from api.schemas.common.times import IsoDatetime
from api.schemas.webhooks import WebhookDeliveryOut
from sagas.domain.psp_events import Gateway

router = APIRouter(prefix="/v1/admin/webhook-events", tags=["admin"])
When = Annotated[IsoDatetime | None, Query(description="inclusive, ISO 8601 with offset")]
Until = Annotated[IsoDatetime | None, Query(description="exclusive, ISO 8601 with offset")]


@router.get("", summary="List webhook deliveries (admin), newest first")
async def list_deliveries(
    _: AdminOnly,
    session: SessionDep,
    gateway: Gateway | None = None,
    signature_valid: bool | None = None,
    result: ResultFilter | None = None,
    event_type: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    event_id: Annotated[str | None, Query(min_length=1, max_length=255)] = None,
    received_from: When = None,
    received_to: Until = None,
    include_payload: bool = False,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[WebhookDeliveryOut]:
    for name, when in (("received_from", received_from), ("received_to", received_to)):
        if when is not None and when.tzinfo is None:
            raise ApiError(422, "validation_error", f"{name} needs a UTC offset")
    stmt = deliveries_query(
        gateway=gateway,
        signature_valid=signature_valid,
        result=result,
        event_type=event_type,
        event_id=event_id,
        received_from=received_from,
        received_to=received_to,
        cursor=cursor,
    )
    rows = list((await session.execute(stmt.limit(limit + 1))).scalars())
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = (
        encode_cursor(rows[-1].received_at.isoformat(), rows[-1].id) if has_more and rows else None
    )
    return Page[WebhookDeliveryOut](
        data=[delivery_out(r, payload=include_payload) for r in rows],
        next_cursor=next_cursor,
        has_more=has_more,
    )
