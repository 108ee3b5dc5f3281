"""Per-gateway dispatch for the pipeline: which secrets, which verifier, which translator.

The gateway modules (:mod:`sagas.gateways.stripe.events`, :mod:`sagas.gateways.razorpay.
events`) stay the only importers of their SDKs; this module only picks between them.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from sagas.domain.psp_events import Gateway, PspEvent
from sagas.gateways.razorpay import events as rzp
from sagas.gateways.stripe import events as stp
from sagas.settings import Settings
from sagas.webhooks.errors import IgnoredEvent, MalformedEvent

MAX_EVENT_ID = 255


def secrets_for(settings: Settings, gateway: Gateway) -> list[str]:
    """The current secret first, then the previous ones still honoured during a rotation."""
    if gateway is Gateway.STRIPE:
        current, previous = settings.stripe_webhook_secret, settings.stripe_webhook_secrets_previous
    else:
        current, previous = (
            settings.razorpay_webhook_secret,
            settings.razorpay_webhook_secrets_previous,
        )
    return [current.get_secret_value(), *(p.strip() for p in previous.split(",") if p.strip())]


def verify(settings: Settings, gateway: Gateway, raw: bytes, headers: dict[str, str]) -> None:
    """Raise :class:`~sagas.webhooks.errors.InvalidSignature` unless the PSP signed ``raw``."""
    if gateway is Gateway.STRIPE:
        stp.verify(raw, headers.get(stp.SIGNATURE_HEADER), secrets_for(settings, gateway))
    else:
        rzp.verify(raw, headers.get(rzp.SIGNATURE_HEADER), secrets_for(settings, gateway))


def identify(
    gateway: Gateway, raw: bytes, headers: dict[str, str]
) -> tuple[str, str, PspEvent | str]:
    """(event id, type, the event or why it is a no-op); :class:`MalformedEvent` if unusable."""
    translate: Callable[[], PspEvent]
    if gateway is Gateway.STRIPE:
        envelope = stp.parse(raw)
        event_id, event_type = str(envelope["id"]), str(envelope["type"])

        def translate() -> PspEvent:
            return stp.translate(envelope)
    else:
        header_id = headers.get(rzp.EVENT_ID_HEADER)
        envelope = rzp.parse(raw, header_id)
        event_id, event_type = str(header_id), str(envelope["event"])

        def translate() -> PspEvent:
            return rzp.translate(envelope, event_id)

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
