"""Listing and reading disputes (service, admin), from the ``disputes`` table."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ServiceOrAdmin, SessionDep
from api.routes.disputes.lookup import load
from api.routes.disputes.params import DisputeId, Status
from api.schemas.common.pages import Page, PageLimit, after_cursor, encode_cursor
from api.schemas.disputes import DisputeOut
from api.views.disputes import dispute_out
from sagas.services import disputes as svc

router = APIRouter(prefix="/v1/disputes", tags=["disputes"])


@router.get("", summary="List disputes (service, admin): filter by status and order")
async def list_disputes(
    _: ServiceOrAdmin,
    session: SessionDep,
    status: Status | None = None,
    order_id: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[DisputeOut]:
    after = after_cursor(cursor) if cursor else None
    rows, has_more = await svc.list_disputes(
        session, status=status, order_id=order_id, limit=limit, after=after
    )
    last = rows[-1] if rows and has_more else None
    return Page[DisputeOut](
        data=[dispute_out(d) for d in rows],
        next_cursor=encode_cursor(last.created_at.isoformat(), last.id) if last else None,
        has_more=has_more,
    )


@router.get(
    "/{dispute_id}",
    summary="Read one dispute (service, admin)",
    responses={404: {"description": "no such dispute"}},
)
async def get_dispute(_: ServiceOrAdmin, dispute_id: DisputeId, session: SessionDep) -> DisputeOut:
    return dispute_out(await load(session, dispute_id))
