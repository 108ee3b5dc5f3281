"""Razorpay's error body. Its SDK maps errors by `error.code` only (BAD_REQUEST_ERROR ->
BadRequestError, GATEWAY_ERROR -> GatewayError, anything else -> ServerError), never by
HTTP status, so the code is what matters; statuses follow Razorpay's API.
"""

from __future__ import annotations

from typing import Any


class RazorpayError(Exception):
    def __init__(
        self,
        description: str,
        *,
        status: int = 400,
        code: str = "BAD_REQUEST_ERROR",
        field: str | None = None,
        reason: str = "NA",
        metadata: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(description)
        self.description = description
        self.status = status
        self.code = code
        self.field = field
        self.reason = reason
        self.metadata = metadata or {}

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "description": self.description,
                "source": "business" if self.reason != "NA" else "NA",
                "step": "payment_initiation" if self.reason != "NA" else "NA",
                "reason": self.reason,
                "metadata": self.metadata,
                "field": self.field,
            }
        }


def bad_request(description: str, field: str | None = None) -> RazorpayError:
    return RazorpayError(description, field=field)


def not_found() -> RazorpayError:
    return RazorpayError("The id provided does not exist")
