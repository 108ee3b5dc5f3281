"""Stripe's error shape (`{"error": {type, code, message, param, ...}}`) as exceptions.

The SDK picks its exception class from the HTTP status (400/404 InvalidRequestError,
401 AuthenticationError, 402 CardError, 500 APIError) and from `type` for idempotency
errors, so each helper sets both as Stripe does.
"""

from __future__ import annotations

from typing import Any

DOCS = "https://stripe.com/docs/error-codes"


class StripeError(Exception):
    """An error answer; `saved` says whether idempotency keeps it (validation errors not)."""

    def __init__(
        self,
        status: int,
        type_: str,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        saved: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message
        self.code = code
        self.param = param
        self.saved = saved
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"type": self.type, "message": self.message}
        if self.code:
            error["code"] = self.code
            error["doc_url"] = f"{DOCS}#{self.code.replace('_', '-')}"
        if self.param:
            error["param"] = self.param
        error.update(self.extra)
        return {"error": error}


def invalid(message: str, *, param: str | None = None, code: str | None = None) -> StripeError:
    return StripeError(400, "invalid_request_error", message, param=param, code=code)


def missing_param(param: str) -> StripeError:
    return invalid(f"Missing required param: {param}.", param=param, code="parameter_missing")


def no_such(kind: str, object_id: str, param: str = "id") -> StripeError:
    return StripeError(
        404,
        "invalid_request_error",
        f"No such {kind}: '{object_id}'",
        code="resource_missing",
        param=param,
    )


def unexpected_state(message: str, *, code: str = "payment_intent_unexpected_state") -> StripeError:
    return invalid(message, code=code)


def card_declined(
    message: str, *, decline_code: str, code: str = "card_declined", extra: dict[str, Any]
) -> StripeError:
    payload = {"decline_code": decline_code, **extra}
    return StripeError(402, "card_error", message, code=code, saved=True, extra=payload)
