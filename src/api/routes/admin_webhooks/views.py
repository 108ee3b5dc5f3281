"""A recorded webhook delivery as the API shows it, its raw payload only when asked."""

from __future__ import annotations

from api.schemas.webhooks import WebhookDeliveryOut
from sagas.db.models.webhooks import WebhookDelivery


def delivery_out(row: WebhookDelivery, *, payload: bool) -> WebhookDeliveryOut:
    out = WebhookDeliveryOut.model_validate(row)
    return out if payload else out.model_copy(update={"payload": None})
