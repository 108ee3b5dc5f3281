"""Typed PSP errors: transient ones are retried by Temporal, permanent ones are not.

Activities raise these; :func:`as_activity_error` turns a permanent one into a
non-retryable ``ApplicationError`` whose ``type`` is ``PspRejected``, so a workflow can
tell "the PSP said no" from "the PSP did not answer".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from temporalio.exceptions import ApplicationError

T = TypeVar("T")


class GatewayError(Exception):
    """Base class; ``code`` is the PSP's own code where it gave one."""

    def __init__(self, message: str, *, code: str | None = None, gateway: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.gateway = gateway


class TransientGatewayError(GatewayError):
    """Network error, timeout, PSP 5xx or rate limit: safe to retry with the same key."""


class PermanentGatewayError(GatewayError):
    """The PSP rejected the request (validation, auth, card declined): retrying won't help."""


class GatewayNotConfigured(PermanentGatewayError):
    """No keys for this gateway in the settings."""


def as_activity_error(err: GatewayError) -> Exception:
    if isinstance(err, PermanentGatewayError):
        return ApplicationError(
            f"{err.gateway}: {err}",
            {"gateway": err.gateway, "code": err.code, "message": str(err)},
            type="PspRejected",
            non_retryable=True,
        )
    return ApplicationError(f"{err.gateway}: {err}", type="PspTransient")


async def psp_call(call: Callable[[], Awaitable[T]]) -> T:
    """An activity's call to a gateway, its failure answered as :func:`as_activity_error`."""
    try:
        return await call()
    except GatewayError as err:
        raise as_activity_error(err) from err
