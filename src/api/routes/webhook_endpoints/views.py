"""An endpoint as the API shows it, with its secret only where one is handed out."""

from __future__ import annotations

from api.schemas.events import WebhookEndpointOut, WebhookEndpointWithSecret
from sagas.db.models.events import WebhookEndpoint


def endpoint_out(row: WebhookEndpoint) -> WebhookEndpointOut:
    return WebhookEndpointOut.model_validate(row)


def with_secret(row: WebhookEndpoint) -> WebhookEndpointWithSecret:
    return WebhookEndpointWithSecret(
        **endpoint_out(row).model_dump(),
        secret=row.secret,
        previous_secret_expires_at=row.previous_expires_at,
    )
