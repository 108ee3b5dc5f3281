"""Failures creating a checkout; the API maps ``status``, the caller rolls back."""

from __future__ import annotations

from typing import Any

from sagas.services.errors import ServiceError


class CheckoutError(ServiceError):
    """A checkout that may not be created; each carries its own status and code."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message, details, status=status, code=code)
