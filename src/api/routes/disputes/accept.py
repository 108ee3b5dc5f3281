"""Accepting a dispute (service); the answer is the dispute as recorded after."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceOnly, SessionDep, TemporalDep
from api.routes.disputes.lookup import open_dispute
from api.routes.disputes.params import ANSWER_RESPONSES, DisputeId
from api.routes.disputes.send import send
from api.schemas.disputes import AcceptIn, DisputeOut
from api.views.disputes import dispute_out
from sagas.workflows.dispute.messages.actions import AcceptRequest

router = APIRouter(prefix="/v1/disputes", tags=["disputes"])


@router.post(
    "/{dispute_id}/accept",
    summary="Accept a dispute (service): the disputed money is the customer's",
    responses=ANSWER_RESPONSES,
)
async def accept_dispute(
    _: ServiceOnly,
    dispute_id: DisputeId,
    session: SessionDep,
    client: TemporalDep,
    body: AcceptIn | None = None,
) -> DisputeOut:
    dispute = await open_dispute(session, dispute_id)
    request = AcceptRequest(reason=body.reason if body else "")
    await send(client, dispute, "accept", request)
    await session.refresh(dispute)
    return dispute_out(dispute)
