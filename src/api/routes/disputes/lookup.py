"""Finding a dispute (404), and one still awaiting an answer (409 otherwise)."""

from __future__ import annotations

from typing import Any

from api.errors import ApiError
from sagas.db.models.disputes import Dispute
from sagas.services import disputes as svc


async def load(session: Any, dispute_id: str) -> Dispute:
    found = await svc.get_dispute(session, dispute_id)
    if found is None:
        raise ApiError(404, "not_found", f"no dispute {dispute_id!r}")
    return found


async def open_dispute(session: Any, dispute_id: str) -> Dispute:
    dispute = await load(session, dispute_id)
    if dispute.status != "needs_response":
        raise ApiError(
            409,
            "dispute_not_open",
            f"the dispute is {dispute.status}; only a dispute awaiting a response can be answered",
            {"status": dispute.status},
        )
    return dispute
