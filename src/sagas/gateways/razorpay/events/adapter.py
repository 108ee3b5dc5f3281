"""Razorpay's webhook intake: its secrets, the signature check, the event's translation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from sagas.domain.psp_events import PspEvent
from sagas.gateways.razorpay.events.envelope import EVENT_ID_HEADER, parse
from sagas.gateways.razorpay.events.signature import SIGNATURE_HEADER, verify
from sagas.gateways.razorpay.events.translation import translate
from sagas.gateways.webhook_secrets import rotation
from sagas.settings import Settings


class RazorpayEvents:
    def webhook_secrets(self, settings: Settings) -> list[str]:
        current = settings.razorpay_webhook_secret
        return rotation(current, settings.razorpay_webhook_secrets_previous)

    def verify(self, raw: bytes, headers: Mapping[str, str], secrets: Sequence[str]) -> None:
        verify(raw, headers.get(SIGNATURE_HEADER), secrets)

    def identify(
        self, raw: bytes, headers: Mapping[str, str]
    ) -> tuple[str, str, Callable[[], PspEvent]]:
        header_id = headers.get(EVENT_ID_HEADER)
        envelope = parse(raw, header_id)
        event_id = str(header_id)
        return event_id, str(envelope["event"]), lambda: translate(envelope, event_id)


EVENTS = RazorpayEvents()
