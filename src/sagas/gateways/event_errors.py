"""Why a PSP event was not translated: the gateway packages raise these, the webhook
pipeline (:mod:`sagas.webhooks.errors` re-exports them) maps each to its answer."""

from __future__ import annotations


class WebhookRejected(Exception):
    """Base: ``reason`` is what the audit log and the answer say."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidSignature(WebhookRejected):
    pass


class MalformedEvent(WebhookRejected):
    pass


class IgnoredEvent(WebhookRejected):
    pass
