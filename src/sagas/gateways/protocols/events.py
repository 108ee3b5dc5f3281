"""The event protocol: webhook secrets, signatures and translation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from sagas.domain.psp_events import PspEvent

if TYPE_CHECKING:  # settings are passed in, never read here (workflows import this)
    from sagas.settings import Settings


class EventGateway(Protocol):
    """Webhook intake: which secrets, whether the PSP signed it, what the event says."""

    def webhook_secrets(self, settings: Settings) -> list[str]:
        """The current secret first, then the previous ones honoured during a rotation."""
        ...

    def verify(self, raw: bytes, headers: Mapping[str, str], secrets: Sequence[str]) -> None:
        """Raise :class:`~sagas.gateways.event_errors.InvalidSignature` unless signed."""
        ...

    def identify(
        self, raw: bytes, headers: Mapping[str, str]
    ) -> tuple[str, str, Callable[[], PspEvent]]:
        """(event id, event type, its translation); ``MalformedEvent`` if unusable."""
        ...
