"""Orders: the admin's filtered, paged list and one order's full picture."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import ServiceOrAdmin, SessionDep
from api.errors import ApiError
from api.schemas.common.pages import Page, PageLimit, after_cursor, encode_cursor
from api.schemas.orders import OrderOut
from api.views.orders import order_out
from sagas.services import orders as svc

router = APIRouter(prefix="/v1/orders", tags=["orders"])
OrderStatus = Annotated[
    str,
    Query(
        pattern=r"^(pending|authorized|paid|fulfilled|partially_refunded|refunded|disputed|charged_back|voided|expired|cancelled|failed)$"
    ),
]


@router.get("", summary="List orders (service, admin): filter by status, customer, category")
async def list_orders(
    _: ServiceOrAdmin,
    session: SessionDep,
    status: OrderStatus | None = None,
    customer_id: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    category: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[OrderOut]:
    after = after_cursor(cursor) if cursor else None
    rows, has_more = await svc.list_orders(
        session,
        status=status,
        customer_id=customer_id,
        category=category,
        limit=limit,
        after=after,
    )
    refunds = await svc.refunds_by_order(session, [o.id for o in rows])
    next_cursor = (
        encode_cursor(rows[-1].created_at.isoformat(), rows[-1].id) if has_more and rows else None
    )
    return Page[OrderOut](
        data=[order_out(o, refunds[o.id]) for o in rows],
        next_cursor=next_cursor,
        has_more=has_more,
    )


@router.get("/{order_id}", summary="Read one order (service, admin)")
async def get_order(
    _: ServiceOrAdmin,
    order_id: Annotated[str, Path(min_length=1, max_length=40)],
    session: SessionDep,
) -> OrderOut:
    found = await svc.get_order(session, order_id)
    if found is None:
        raise ApiError(404, "not_found", f"no order {order_id!r}")
    return order_out(*found)
