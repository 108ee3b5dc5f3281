"""How a refused dispute answer reads to the API client."""

from __future__ import annotations

from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError

from api.errors import ApiError


def update_failure(err: WorkflowUpdateFailedError) -> ApiError:
    """409 psp_rejected / 422 / 502 by the saga's error type; else 409 dispute_not_open."""
    cause = err.cause
    kind = cause.type if isinstance(cause, ApplicationError) else None
    message = cause.message if isinstance(cause, ApplicationError) else str(err)
    if kind == "PspRejected":
        return ApiError(409, "psp_rejected", message)
    if kind == "ValidationFailed":
        return ApiError(422, "validation_error", message)
    if kind == "PspTransient":
        return ApiError(502, "gateway_error", "the payment provider did not answer")
    return ApiError(409, "dispute_not_open", message)
