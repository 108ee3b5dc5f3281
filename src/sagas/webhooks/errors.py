"""Typed outcomes of webhook intake that are not "handed over".

Each maps to one answer: :class:`InvalidSignature` 400 (and nothing but the log changes),
:class:`MalformedEvent` 400 (no usable JSON or no event id: nothing can be deduped or
routed), :class:`IgnoredEvent` 200 recorded no-op (a verified event we deliberately do
not route: an unsubscribed type, a metadata value of the wrong type; retrying it could
never help, so answering 4xx would only start a retry storm), :class:`HandOffFailed` 503
(the PSP retries).
"""

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


class HandOffFailed(WebhookRejected):
    pass


class UnknownDelivery(WebhookRejected):
    """Replay of a delivery id that is not in the log."""


class NotReplayable(WebhookRejected):
    """Replay of a delivery that never was a verified event (bad signature, malformed)."""
