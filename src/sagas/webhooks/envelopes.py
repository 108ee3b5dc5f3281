"""Webhook intake through each gateway's
:class:`~sagas.gateways.protocols.events.EventGateway`: which secrets, which verifier,
which translator; this module only adds the checks every gateway shares (the event id's
length, a translation that is a deliberate no-op).
"""

from __future__ import annotations

from pydantic import ValidationError

from sagas.domain.psp_events import Gateway, PspEvent
from sagas.gateways.protocols.events import EventGateway
from sagas.gateways.registry import events_for
from sagas.settings import Settings
from sagas.webhooks.errors import IgnoredEvent, MalformedEvent

MAX_EVENT_ID = 255


def _events(gateway: Gateway) -> EventGateway:
    return events_for(gateway.value)


def secrets_for(settings: Settings, gateway: Gateway) -> list[str]:
    """The current secret first, then the previous ones still honoured during a rotation."""
    return _events(gateway).webhook_secrets(settings)


def verify(settings: Settings, gateway: Gateway, raw: bytes, headers: dict[str, str]) -> None:
    """Raise :class:`~sagas.webhooks.errors.InvalidSignature` unless the PSP signed ``raw``."""
    _events(gateway).verify(raw, headers, secrets_for(settings, gateway))


def identify(
    gateway: Gateway, raw: bytes, headers: dict[str, str]
) -> tuple[str, str, PspEvent | str]:
    """(event id, type, the event or why it is a no-op); :class:`MalformedEvent` if unusable."""
    event_id, event_type, translate = _events(gateway).identify(raw, headers)
    if len(event_id) > MAX_EVENT_ID:
        raise MalformedEvent(f"event id is longer than {MAX_EVENT_ID} characters")
    try:
        return event_id, event_type, translate()
    except IgnoredEvent as err:
        return event_id, event_type, err.reason
    except ValidationError as err:
        return (
            event_id,
            event_type,
            f"event fields have unexpected types ({err.error_count()} errors)",
        )


def claimed(gateway: Gateway, raw: bytes, headers: dict[str, str]) -> tuple[str | None, str | None]:
    """The id and type an unverified body claims, for the log only (never acted on)."""
    try:
        event_id, event_type, _ = identify(gateway, raw, headers)
    except MalformedEvent:
        return None, None
    return event_id, event_type
