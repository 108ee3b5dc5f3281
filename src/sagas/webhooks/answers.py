"""From an :class:`~sagas.webhooks.audit.Outcome` to the HTTP answer the PSP gets.

2xx bodies say what happened (``handed_over`` / ``duplicate`` / ``no_op``); every other
status uses the API's single error shape with the delivery id in ``details``, so an
operator can find the audit row from a PSP dashboard's response log.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sagas.db.models.webhooks import DeliveryResult as R
from sagas.observability import logs
from sagas.webhooks.audit import Outcome

_CODES = {
    R.INVALID_SIGNATURE: "invalid_signature",
    R.MALFORMED: "malformed_event",
    R.TOO_LARGE: "payload_too_large",
    R.FAILED: "service_unavailable",
}


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


def with_result(
    base: Outcome, result: str, status: int, detail: str | None, workflow_id: str | None = None
) -> Outcome:
    """The same event facts with a new result (what the pipeline decided)."""
    return replace(base, result=result, http_status=status, detail=detail, workflow_id=workflow_id)


def answer(delivery_id: str | None, outcome: Outcome) -> Answer:
    facts = {
        "delivery_id": delivery_id,
        "event_id": outcome.event_id,
        "result": outcome.result,
        "workflow_id": outcome.workflow_id,
    }
    if outcome.http_status < 300:
        return Answer(outcome.http_status, {"received": True, **facts, "detail": outcome.detail})
    code = _CODES.get(outcome.result, "error")
    error = {"code": code, "message": outcome.detail or code, "details": facts}
    request_id = logs.current("request_id")
    if request_id:
        error["request_id"] = request_id
    return Answer(outcome.http_status, {"error": error})
