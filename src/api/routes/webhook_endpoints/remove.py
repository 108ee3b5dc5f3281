"""Deleting an endpoint (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import AdminOnly, SessionDep
from api.routes.webhook_endpoints.lookup import get_endpoint
from api.routes.webhook_endpoints.params import NOT_FOUND, EndpointId
from sagas.events import endpoints as svc

router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhook endpoints"])


@router.delete(
    "/{endpoint_id}",
    status_code=204,
    summary="Delete an endpoint (admin)",
    responses=NOT_FOUND,
)
async def delete_endpoint(_: AdminOnly, endpoint_id: EndpointId, session: SessionDep) -> Response:
    row = await get_endpoint(session, endpoint_id, lock=True)
    await svc.set_status(session, row, "deleted")
    await session.commit()
    return Response(status_code=204)
