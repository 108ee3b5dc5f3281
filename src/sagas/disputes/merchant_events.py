"""The merchant's events for what a dispute's record changed, in the order a merchant reads them."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.disputes import Dispute
from sagas.db.models.orders import Order
from sagas.disputes.notify import emit_merchant_event
from sagas.disputes.views import dispute_view
from sagas.domain.disputes import (
    DisputeStatus,
)
from sagas.events.views import order_view


async def _emit(
    session: AsyncSession, row: Dispute, order: Order | None, changes: list[str]
) -> None:
    """The merchant's events for what changed, in the order a merchant reads them."""
    if not changes:
        return
    view = dispute_view(row)
    if "opened" in changes:
        await emit_merchant_event(
            session, type="dispute.opened", object_id=row.id, data_object=view
        )
    final = row.status if DisputeStatus(row.status).final else None
    if final is not None and final in changes:
        await emit_merchant_event(
            session, type=f"dispute.{final}", object_id=row.id, data_object=view
        )
    elif "opened" not in changes:
        await emit_merchant_event(
            session, type="dispute.updated", object_id=row.id, data_object=view
        )
    if order is None:
        return
    for change, kind in (
        ("order_disputed", "order.disputed"),
        ("order_charged_back", "order.charged_back"),
    ):
        if change in changes:
            await emit_merchant_event(
                session, type=kind, object_id=order.id, data_object=await order_view(session, order)
            )
