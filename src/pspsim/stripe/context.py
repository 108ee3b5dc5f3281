"""The Stripe request being served, so events it causes carry `request.id` and its key.

Automatic events (timers, payer actions through the control API) have `request.id`
null, as Stripe's do.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    id: str
    idempotency_key: str | None


current_request: ContextVar[RequestInfo | None] = ContextVar("stripe_request", default=None)
