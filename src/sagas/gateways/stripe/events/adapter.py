"""Stripe's webhook intake: its secrets, the signature check, the event's translation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from sagas.domain.psp_events import PspEvent
from sagas.gateways.stripe.events.envelope import parse
from sagas.gateways.stripe.events.signature import SIGNATURE_HEADER, verify
from sagas.gateways.stripe.events.translation import translate
from sagas.gateways.webhook_secrets import rotation
from sagas.settings import Settings


class StripeEvents:
    def webhook_secrets(self, settings: Settings) -> list[str]:
        return rotation(settings.stripe_webhook_secret, settings.stripe_webhook_secrets_previous)

    def verify(self, raw: bytes, headers: Mapping[str, str], secrets: Sequence[str]) -> None:
        verify(raw, headers.get(SIGNATURE_HEADER), secrets)

    def identify(
        self, raw: bytes, headers: Mapping[str, str]
    ) -> tuple[str, str, Callable[[], PspEvent]]:
        envelope = parse(raw)
        return str(envelope["id"]), str(envelope["type"]), lambda: translate(envelope)


EVENTS = StripeEvents()
