"""Typed subscription failures; each carries the HTTP status and code the API answers."""

from __future__ import annotations

from sagas.services.errors import ServiceError


class SubscriptionError(ServiceError):
    code = "subscription_error"
    status = 422


class UnknownPlan(SubscriptionError):
    code = "unknown_plan"


class GatewayRequired(SubscriptionError):
    code = "gateway_required"


class GatewayUnsupported(SubscriptionError):
    code = "gateway_unsupported"


class GatewayUnavailable(SubscriptionError):
    code = "gateway_not_configured"
    status = 503


class IdempotencyConflict(SubscriptionError):
    code = "idempotency_conflict"
    status = 409


class SubscriptionNotFound(SubscriptionError):
    code = "not_found"
    status = 404
