"""Answering a dispute with evidence (service); the answer is the dispute as recorded after."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceOnly, SessionDep, TemporalDep
from api.routes.disputes.lookup import open_dispute
from api.routes.disputes.params import ANSWER_RESPONSES, DisputeId
from api.routes.disputes.send import send
from api.schemas.disputes import DisputeOut, EvidenceIn
from api.views.disputes import dispute_out
from sagas.workflows.dispute.messages.actions import EvidenceRequest

router = APIRouter(prefix="/v1/disputes", tags=["disputes"])


@router.post(
    "/{dispute_id}/evidence",
    summary="Answer a dispute with evidence (service); submit: true sends it to the bank",
    responses=ANSWER_RESPONSES,
)
async def submit_evidence(
    _: ServiceOnly,
    dispute_id: DisputeId,
    body: EvidenceIn,
    session: SessionDep,
    client: TemporalDep,
) -> DisputeOut:
    dispute = await open_dispute(session, dispute_id)
    request = EvidenceRequest(text=body.text, submit=body.submit)
    await send(client, dispute, "submit_evidence", request)
    await session.refresh(dispute)
    return dispute_out(dispute)
