"""The webhook audit log for operators: list with filters, read one, replay one (admin)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from sqlalchemy import and_, or_, select

from api.deps import AdminOnly, AppDeps, SessionDep
from api.errors import ApiError
from api.routes.webhooks import pipeline
from api.schemas.common import Page, PageLimit, decode_cursor, encode_cursor
from api.schemas.webhooks import ReplayOut, WebhookDeliveryOut
from sagas.db.models.webhooks import DeliveryResult, WebhookDelivery
from sagas.domain.psp_events import Gateway
from sagas.webhooks.errors import NotReplayable, UnknownDelivery

router = APIRouter(prefix="/v1/admin/webhook-events", tags=["admin"])
ResultFilter = Annotated[str, Query(pattern="^(" + "|".join(DeliveryResult.ALL) + ")$")]
DeliveryId = Annotated[str, Path(min_length=1, max_length=40)]


def delivery_out(row: WebhookDelivery, *, payload: bool) -> WebhookDeliveryOut:
    out = WebhookDeliveryOut.model_validate(row)
    return out if payload else out.model_copy(update={"payload": None})


@router.get("", summary="List webhook deliveries (admin), newest first")
async def list_deliveries(
    _: AdminOnly,
    session: SessionDep,
    gateway: Gateway | None = None,
    signature_valid: bool | None = None,
    result: ResultFilter | None = None,
    event_type: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    event_id: Annotated[str | None, Query(min_length=1, max_length=255)] = None,
    received_from: Annotated[
        datetime | None, Query(description="inclusive, ISO 8601 with offset")
    ] = None,
    received_to: Annotated[
        datetime | None, Query(description="exclusive, ISO 8601 with offset")
    ] = None,
    include_payload: bool = False,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[WebhookDeliveryOut]:
    for name, when in (("received_from", received_from), ("received_to", received_to)):
        if when is not None and when.tzinfo is None:
            raise ApiError(422, "validation_error", f"{name} needs a UTC offset")
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
        at, last_id = _after(cursor)
        stmt = stmt.where(or_(d.received_at < at, and_(d.received_at == at, d.id < last_id)))
    rows = list(
        (
            await session.execute(stmt.order_by(d.received_at.desc(), d.id.desc()).limit(limit + 1))
        ).scalars()
    )
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


@router.get("/{delivery_id}", summary="Read one webhook delivery with its raw payload (admin)")
async def get_delivery(
    _: AdminOnly, session: SessionDep, delivery_id: DeliveryId
) -> WebhookDeliveryOut:
    row = await session.get(WebhookDelivery, delivery_id)
    if row is None:
        raise ApiError(404, "not_found", f"no webhook delivery {delivery_id!r}")
    return delivery_out(row, payload=True)


@router.post(
    "/{delivery_id}/replay",
    summary="Re-deliver a recorded, verified event through the same path (admin, idempotent)",
    responses={
        404: {"description": "unknown delivery"},
        409: {"description": "not a verified event"},
    },
)
async def replay_delivery(
    _: AdminOnly, request: Request, deps: AppDeps, session: SessionDep, delivery_id: DeliveryId
) -> ReplayOut:
    source_ip = request.client.host if request.client else None
    try:
        answer = await pipeline(request, deps).replay(delivery_id, source_ip)
    except UnknownDelivery as err:
        raise ApiError(404, "not_found", err.reason) from err
    except NotReplayable as err:
        raise ApiError(409, "conflict", err.reason) from err
    new_id = (answer.body.get("error", {}).get("details") or answer.body).get("delivery_id")
    if answer.status >= 300:
        raise ApiError(
            answer.status,
            "replay_failed",
            str(answer.body["error"]["message"]),
            {"delivery_id": new_id},
        )
    row = await session.get(WebhookDelivery, str(new_id))
    if row is None:  # pragma: no cover - written by the pipeline just above
        raise ApiError(503, "service_unavailable", "replay record not readable yet")
    return ReplayOut(replayed=delivery_id, delivery=delivery_out(row, payload=False))


def _after(cursor: str) -> tuple[datetime, str]:
    at, last_id = decode_cursor(cursor, arity=2)
    try:
        when = datetime.fromisoformat(str(at))
    except ValueError as err:
        raise ApiError(422, "validation_error", "invalid cursor") from err
    if when.tzinfo is None or not isinstance(last_id, str) or len(last_id) > 40:
        raise ApiError(422, "validation_error", "invalid cursor")
    return when, last_id
