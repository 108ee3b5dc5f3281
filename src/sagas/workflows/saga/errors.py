"""What an operator (and a saga's branch) reads from a failed activity."""

from __future__ import annotations

from temporalio.exceptions import ActivityError, ApplicationError


def cause(err: BaseException) -> str:
    """The innermost message of an activity failure (what an operator needs to read)."""
    inner: BaseException | None = err
    for _ in range(10):
        if inner is None or inner.__cause__ is None:
            break
        inner = inner.__cause__
    if isinstance(inner, ApplicationError):
        return f"{inner.type or 'error'}: {inner.message}"
    return str(inner or err)


def error_type(err: ActivityError) -> str | None:
    """The typed error's name (``PspRejected``, ...) when the activity raised one."""
    inner = err.cause
    return inner.type if isinstance(inner, ApplicationError) else None


def error_message(err: ActivityError) -> str:
    inner = err.cause
    return str(inner.message if isinstance(inner, ApplicationError) else inner or err)
