"""The one service error: what a service refuses, with the HTTP status and the stable
``code`` the API answers it with (``{"error": {"code", "message", "details"?}}``).

Each service's own errors subclass it and set ``status`` / ``code`` as class attributes
(or per instance, as :class:`~sagas.services.checkouts.errors.CheckoutError` does); the API
turns any of them into its answer in one place (:func:`api.errors.from_service`).
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    status: int = 422
    code: str = "service_error"

    def __init__(
        self,
        message: str,
        details: Any = None,
        *,
        status: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.details = message, details
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code
