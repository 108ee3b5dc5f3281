"""Every delivery attempt to an endpoint (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminOnly, SessionDep
from api.routes.webhook_endpoints.delivery_rows import attempt_rows, pending_rows
from api.routes.webhook_endpoints.lookup import get_endpoint
from api.routes.webhook_endpoints.params import NOT_FOUND, EndpointId
from api.schemas.events import DeliveryAttemptOut, DeliveryList

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhook endpoints"])


@router.get(
    "/{endpoint_id}/deliveries",
    summary="Every delivery attempt to this endpoint",
    responses=NOT_FOUND,
)
async def list_deliveries(
    _: AdminOnly,
    endpoint_id: EndpointId,
    session: SessionDep,
    event_id: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    status: Annotated[str | None, Query(pattern=r"^(succeeded|failed|pending)$")] = None,
) -> DeliveryList:
    """Attempts newest first (at most 1000), after each delivery still ``pending`` as
    the attempt to come. A ``failed`` attempt with no ``next_attempt_at`` is a delivery
    whose retry window is over: the one an operator redelivers."""
    await get_endpoint(session, endpoint_id)
    rows: list[DeliveryAttemptOut] = []
    if status in (None, "pending"):
        rows += await pending_rows(session, endpoint_id, event_id)
    if status != "pending":
        rows += await attempt_rows(session, endpoint_id, event_id, status)
    return DeliveryList(data=rows)
