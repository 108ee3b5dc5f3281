"""Typed outcomes of webhook intake that are not "handed over".

Each maps to one answer: :class:`InvalidSignature` 400 (and nothing but the log changes),
:class:`MalformedEvent` 400 (no usable JSON or no event id: nothing can be deduped or
routed), :class:`IgnoredEvent` 200 recorded no-op (a verified event we deliberately do
not route: an unsubscribed type, a metadata value of the wrong type; retrying it could
never help, so answering 4xx would only start a retry storm), :class:`HandOffFailed` 503
(the PSP retries).
"""

from __future__ import annotations

from sagas.gateways.event_errors import IgnoredEvent as IgnoredEvent
from sagas.gateways.event_errors import InvalidSignature as InvalidSignature
from sagas.gateways.event_errors import MalformedEvent as MalformedEvent
from sagas.gateways.event_errors import WebhookRejected


class HandOffFailed(WebhookRejected):
    pass


class UnknownDelivery(WebhookRejected):
    """Replay of a delivery id that is not in the log."""


class NotReplayable(WebhookRejected):
    """Replay of a delivery that never was a verified event (bad signature, malformed)."""
