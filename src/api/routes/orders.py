"""Orders: the admin's filtered, paged list and one order's full picture."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import AdminOnly, ServiceOrAdmin, SessionDep
from api.errors import ApiError
from api.schemas.common import Page, PageLimit, decode_cursor, encode_cursor
from api.schemas.orders import OrderItemOut, OrderOut, PaymentOut, RefundOut
from sagas.db.models.orders import Order
from sagas.db.models.refunds import Refund
from sagas.services import orders as svc

router = APIRouter(prefix="/v1/orders", tags=["orders"])
OrderStatus = Annotated[
    str,
    Query(
        pattern=r"^(pending|paid|fulfilled|partially_refunded|refunded|expired|cancelled|failed)$"
    ),
]


def order_out(order: Order, refunds: list[Refund]) -> OrderOut:
    return OrderOut(
        id=order.id,
        checkout_id=order.checkout_id,
        customer_id=order.customer_id,
        customer_email=order.customer_email,
        status=order.status,
        status_reason=order.status_reason,
        gateway=order.gateway,
        currency=order.currency,
        gross=order.subtotal_minor,
        discount=order.discount_minor,
        net=order.total_minor,
        captured=order.captured_minor,
        refunded=order.refunded_minor,
        discount_code=order.discount_code,
        paid_at=order.paid_at,
        fulfilled_at=order.fulfilled_at,
        created_at=order.created_at,
        items=[
            OrderItemOut(
                product_id=i.product_id,
                product_name=i.product_name,
                category=i.category,
                unit_price=i.unit_price_minor,
                quantity=i.quantity,
                line_total=i.line_total_minor,
                custom_data=i.custom_data,
            )
            for i in order.items
        ],
        payments=[
            PaymentOut(
                id=p.id,
                gateway=p.gateway,
                gateway_payment_id=p.gateway_payment_id,
                gateway_object_id=p.gateway_object_id,
                amount=p.amount_minor,
                currency=p.currency,
                status=p.status,
                refunded=p.refunded_minor,
                created_at=p.created_at,
            )
            for p in order.payments
        ],
        refunds=[
            RefundOut(
                id=r.id,
                amount=r.amount_minor,
                currency=r.currency,
                status=r.status,
                origin=r.origin,
                reason=r.reason,
                created_at=r.created_at,
            )
            for r in refunds
        ],
    )


@router.get("", summary="List orders (admin): filter by status, customer, category")
async def list_orders(
    _: AdminOnly,
    session: SessionDep,
    status: OrderStatus | None = None,
    customer_id: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    category: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Annotated[PageLimit, Query()] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[OrderOut]:
    after = _after(cursor) if cursor else None
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


def _after(cursor: str) -> tuple[datetime, str]:
    created_at, order_id = decode_cursor(cursor, arity=2)
    try:
        when = datetime.fromisoformat(str(created_at))
    except ValueError as err:
        raise ApiError(422, "validation_error", "invalid cursor") from err
    if when.tzinfo is None or not isinstance(order_id, str) or len(order_id) > 40:
        raise ApiError(422, "validation_error", "invalid cursor")
    return when, order_id
