"""The dispute's public view: what ``GET /v1/disputes/{id}`` answers and what the
``dispute.*`` events carry as ``data.object`` (the API's own renderer, so the two never
drift; orders and refunds: ``sagas.events.views``)."""

from __future__ import annotations

from typing import Any

from api.views.disputes import dispute_out
from sagas.db.models.disputes import Dispute


def dispute_view(d: Dispute) -> dict[str, Any]:
    return dispute_out(d).model_dump(mode="json")
