"""What a dispute does to its order: disputed, given back its status, or charged back."""

from __future__ import annotations

from sagas.db.models.disputes import Dispute
from sagas.db.models.orders import Order
from sagas.domain.disputes import (
    ORDER_CHARGED_BACK,
    ORDER_DISPUTED,
    status_after_win,
)

#: Orders a dispute marks ``disputed`` (a never-paid order keeps its status).
DISPUTABLE_ORDER_STATUSES = frozenset({"paid", "fulfilled", "partially_refunded", "refunded"})


def _move_order(row: Dispute, order: Order, changes: list[str]) -> None:
    if "opened" in changes and order.status in DISPUTABLE_ORDER_STATUSES:
        order.status = ORDER_DISPUTED
        changes.append("order_disputed")
    if "won" in changes and order.status == ORDER_DISPUTED and row.order_status_before:
        order.status = status_after_win(
            row.order_status_before,
            refunded_minor=order.refunded_minor,
            captured_minor=order.captured_minor,
        )
        if "order_disputed" in changes:  # opened and won at one read: it never was
            changes.remove("order_disputed")
        else:
            changes.append("order_restored")
    if "lost" in changes and order.status in DISPUTABLE_ORDER_STATUSES | {ORDER_DISPUTED}:
        order.status = ORDER_CHARGED_BACK
        order.status_reason = f"dispute {row.id} lost"
        changes.append("order_charged_back")
