"""The dispute routes' parameters and the answers' documented error responses."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query

DisputeId = Annotated[str, Path(min_length=1, max_length=40)]
Status = Annotated[str, Query(pattern=r"^(needs_response|under_review|won|lost)$")]
ANSWER_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such dispute"},
    409: {"description": "not awaiting an answer (dispute_not_open), or refused by the PSP"},
    502: {"description": "the PSP did not answer; retry"},
    503: {"description": "the dispute's workflow did not answer in time; retry"},
}
