"""``POST /v1/orders/{id}/fulfil``: the merchant marks an order fulfilled itself."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import ServiceOnly, SessionDep
from api.errors import ApiError
from api.schemas.orders import OrderOut
from api.views.orders import order_out
from sagas.events.fulfilment import fulfil_order
from sagas.services import orders as svc

router = APIRouter(prefix="/v1/orders", tags=["orders"])


@router.post(
    "/{order_id}/fulfil",
    summary="Mark a paid order fulfilled (service, idempotent)",
    responses={
        404: {"description": "unknown order"},
        409: {"description": "order_not_paid: the order is neither paid nor fulfilled"},
    },
)
async def fulfil(
    _: ServiceOnly,
    order_id: Annotated[str, Path(min_length=1, max_length=40)],
    session: SessionDep,
) -> OrderOut:
    """A ``paid`` order becomes ``fulfilled`` (``order.fulfilled`` is emitted); one
    already fulfilled answers as it is; any other status is 409."""
    order = await fulfil_order(session, order_id)
    if order is None:
        raise ApiError(404, "not_found", f"no order {order_id!r}")
    if order.status != "fulfilled":
        status = order.status
        await session.rollback()
        raise ApiError(409, "order_not_paid", f"the order is {status}, not paid")
    await session.commit()
    found = await svc.get_order(session, order_id)
    assert found is not None
    return order_out(*found)
