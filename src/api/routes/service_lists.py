"""Lists for the merchant's backend (service, admin): checkouts, refunds, subscriptions,
with the keyset pagination of ``GET /v1/orders`` (``limit``, ``cursor``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query

from api.deps import ServiceOrAdmin, SessionDep
from api.schemas.checkouts import CheckoutOut
from api.schemas.common.pages import Page, PageLimit, after_cursor, encode_cursor
from api.schemas.refunds import RefundOut
from api.schemas.subscriptions import SubscriptionOut
from api.views.checkouts import checkout_out
from api.views.refunds import refund_out
from api.views.subscriptions import subscription_out
from sagas.db.models.checkouts import Checkout
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription
from sagas.services import lists

router = APIRouter(tags=["lists"])
Cursor = Annotated[str | None, Query(max_length=500)]
CustomerId = Annotated[str | None, Query(min_length=1, max_length=128)]
Limit = Annotated[PageLimit, Query()]
Row = TypeVar("Row", Checkout, Refund, Subscription)
Out = TypeVar("Out")


async def _page(
    session: SessionDep,
    model: type[Row],
    render: Callable[[Row], Out],
    *,
    filters: dict[str, Any],
    limit: int,
    cursor: str | None,
) -> Page[Out]:
    rows, more = await lists.page(
        session, model, filters=filters, limit=limit, after=after_cursor(cursor) if cursor else None
    )
    last = rows[-1] if rows else None
    next_cursor = encode_cursor(last.created_at.isoformat(), last.id) if more and last else None
    return Page[Out](data=[render(r) for r in rows], next_cursor=next_cursor, has_more=more)


@router.get("/v1/checkouts", summary="List checkouts (service, admin), newest first")
async def list_checkouts(
    _: ServiceOrAdmin,
    session: SessionDep,
    status: Annotated[
        str | None,
        Query(
            pattern=r"^(created|awaiting_payment|processing|paid|fulfilled|expired|cancelled|failed)$"
        ),
    ] = None,
    customer_id: CustomerId = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[CheckoutOut]:
    return await _page(
        session,
        Checkout,
        checkout_out,
        filters={"status": status, "customer_id": customer_id},
        limit=limit,
        cursor=cursor,
    )


@router.get("/v1/refunds", summary="List refunds (service, admin), newest first")
async def list_refunds(
    _: ServiceOrAdmin,
    session: SessionDep,
    order_id: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    status: Annotated[str | None, Query(pattern=r"^(pending|succeeded|failed)$")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[RefundOut]:
    return await _page(
        session,
        Refund,
        refund_out,
        filters={"order_id": order_id, "status": status},
        limit=limit,
        cursor=cursor,
    )


@router.get("/v1/subscriptions", summary="List subscriptions (service, admin), newest first")
async def list_subscriptions(
    _: ServiceOrAdmin,
    session: SessionDep,
    customer_id: CustomerId = None,
    status: Annotated[
        str | None,
        Query(pattern=r"^(active|trialing|pending_payment|past_due|cancelled|expired)$"),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[SubscriptionOut]:
    return await _page(
        session,
        Subscription,
        subscription_out,
        filters={"customer_id": customer_id, "status": status},
        limit=limit,
        cursor=cursor,
    )
